// Ingesting an article: paste text (or HTML) or give a URL, with a write key.
// The key lives only in this form for this page's lifetime: never stored,
// never put in a URL. The result lists what was found, linked to its pages.

import { ingestArticle, type IngestInput } from "../data";
import { h, replace, announce } from "../dom";
import { readKey } from "../key";
import { plural } from "../format";
import type { IngestResult } from "../model";
import { entityLink, type Route } from "../router";
import { failure, field, loading, pageHeader, typeBadge } from "../ui";
import { factItem } from "./facts";

let rememberedKey = "";

export function renderIngest(_route: Route, container: HTMLElement, signal: AbortSignal): void {
  const modeText = h("input", { type: "radio", name: "mode", value: "text", id: "mode-text" });
  const modeUrl = h("input", { type: "radio", name: "mode", value: "url", id: "mode-url" });
  modeText.checked = true;
  const textArea = h("textarea", { name: "text", rows: 12, placeholder: "Paste the article text here (plain text or HTML)…" });
  const urlInput = h("input", { type: "url", name: "url", placeholder: "https://…" });
  const keyInput = h("input", { type: "password", name: "key", autocomplete: "off", spellcheck: "false", value: rememberedKey || readKey() });
  const textField = field("Article text", textArea);
  const urlField = field("Article URL", urlInput);
  urlField.hidden = true;
  const switchMode = (): void => {
    textField.hidden = !modeText.checked;
    urlField.hidden = !modeUrl.checked;
  };
  modeText.addEventListener("change", switchMode);
  modeUrl.addEventListener("change", switchMode);
  const result = h("div", { class: "ingest-result", aria: { live: "polite" } });
  const submit = h("button", { type: "submit", class: "btn btn-primary" }, "Ingest article");
  const form = h(
    "form",
    {
      class: "card ingest-form",
      aria: { label: "Ingest an article" },
      on: {
        submit: (event) => {
          event.preventDefault();
          rememberedKey = keyInput.value;
          void send();
        },
      },
    },
    h(
      "fieldset",
      { class: "mode" },
      h("legend", {}, "Source"),
      h("label", { for: "mode-text", class: "radio" }, modeText, " Paste text"),
      h("label", { for: "mode-url", class: "radio" }, modeUrl, " From a URL"),
    ),
    textField,
    urlField,
    field("Write key", keyInput),
    h("p", { class: "field-hint" }, "The key is sent with this request only (as the X-API-Key header) and is not stored."),
    h("div", {}, submit),
  );
  const send = async (): Promise<void> => {
    const input: IngestInput = modeUrl.checked ? { url: urlInput.value.trim() } : looksLikeHtml(textArea.value) ? { html: textArea.value } : { text: textArea.value };
    if (!(input.url || input.text?.trim() || input.html?.trim())) {
      replace(result, h("p", { class: "notice notice-warn", role: "alert" }, modeUrl.checked ? "Enter a URL." : "Paste some text first."));
      return;
    }
    if (!keyInput.value) {
      replace(result, h("p", { class: "notice notice-warn", role: "alert" }, "Ingesting needs an API key with write scope."));
      keyInput.focus();
      return;
    }
    submit.disabled = true;
    replace(result, loading("the extraction (the first article can take a few seconds)"));
    try {
      const answer = await ingestArticle(input, keyInput.value, signal);
      replace(result, showResult(answer));
      announce(`Ingested: ${plural(answer.facts.length, "fact")} found.`);
    } catch (error) {
      if (!signal.aborted) replace(result, failure(error));
    } finally {
      submit.disabled = false;
    }
  };
  replace(
    container,
    pageHeader("Ingest an article", "Add a news article to the graph. BlocGraph extracts its entities and facts, with the evidence sentence for each; they appear below and on the entities' pages."),
    h("div", { class: "ingest-grid" }, form, result),
  );
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>])/i.test(text);
}

function showResult(answer: IngestResult): HTMLElement {
  const article = answer.article;
  return h(
    "section",
    { class: "card", aria: { labelledby: "ingested-title" } },
    h("h2", { id: "ingested-title", class: "card-title" }, "Added to the graph"),
    answer.message ? h("p", { class: "notice" }, answer.message) : null,
    article ? h("p", { class: "ingested-article" }, h("strong", {}, article.title || "Untitled article"), h("span", { class: "muted" }, ` · ${article.id}`)) : null,
    h("h3", { class: "sub-title" }, `Entities`, h("span", { class: "count" }, String(answer.entities.length))),
    answer.entities.length
      ? h("ul", { class: "ingested-entities" }, ...answer.entities.map((e) => h("li", {}, h("a", { href: entityLink(e.id) }, e.name), " ", typeBadge(e.type))))
      : h("p", { class: "muted" }, "No entities were recognised."),
    h("h3", { class: "sub-title" }, `Facts`, h("span", { class: "count" }, String(answer.facts.length))),
    answer.facts.length ? h("ol", { class: "fact-list" }, ...answer.facts.map((f) => h("li", {}, factItem(f, null, "collapsed", true, true)))) : h("p", { class: "muted" }, "No facts were found in this text."),
    article?.text ? h("h3", { class: "sub-title" }, "Text as stored") : null,
    article?.text ? h("div", { class: "article-text article-body ingested-text" }, article.text) : null,
  );
}
