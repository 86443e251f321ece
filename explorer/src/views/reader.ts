// The article reader: the full text of a source with its evidence sentence
// highlighted and scrolled into view. Text is set as text, never as markup,
// so an article holding <script> shows the characters, not a script.

import { getArticle } from "../data";
import { h, replace } from "../dom";
import { date, sourceName } from "../format";
import type { Article, Source } from "../model";
import { failure, loading } from "../ui";

let dialog: HTMLDialogElement | null = null;

function ensureDialog(): HTMLDialogElement {
  if (dialog) return dialog;
  dialog = h("dialog", { class: "reader", aria: { labelledby: "reader-title" } });
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog?.close();
  });
  document.body.appendChild(dialog);
  return dialog;
}

/** Open the article behind ``source`` with its evidence highlighted; focus returns to ``opener``. */
export async function openEvidence(source: Source, opener?: HTMLElement): Promise<void> {
  const box = ensureDialog();
  const body = h("div", { class: "reader-body" }, loading("the article"));
  replace(box, readerHead(source.title ?? "Source article", source), body);
  box.addEventListener("close", () => opener?.focus(), { once: true });
  if (!box.open) box.showModal();
  try {
    const article = await getArticle(source.factKey, source.articleId);
    if (!article?.text) {
      if (article) replace(box, readerHead(article.title ?? source.title ?? "Source", source, article), body);
      replace(body, evidenceOnly(source, "No article text is stored for this source; the evidence says:"));
      return;
    }
    replace(box, readerHead(article.title ?? source.title ?? "Source article", source, article), body);
    replace(body, articleText(article.text, source));
    body.querySelector("mark")?.scrollIntoView({ block: "center" });
  } catch (error) {
    replace(body, failure(error), evidenceOnly(source, "The evidence sentence:"));
  }
}

function readerHead(title: string, source: Source, article?: Article): HTMLElement {
  const url = article?.url ?? source.url;
  const published = article?.published ?? source.published;
  return h(
    "header",
    { class: "reader-head" },
    h(
      "div",
      {},
      h("h2", { id: "reader-title" }, title),
      h(
        "div",
        { class: "reader-meta" },
        h("span", {}, sourceName(source)),
        h("span", {}, published ? date(published) : "no publication date"),
        url && /^https?:\/\//i.test(url) ? h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "Original") : null,
        source.confidence !== null ? h("span", {}, `extraction confidence ${Math.round(source.confidence * 100)}%`) : null,
      ),
    ),
    h("button", { type: "button", class: "btn btn-small", on: { click: () => dialog?.close() } }, "Close"),
  );
}

function evidenceOnly(source: Source, intro: string): HTMLElement {
  return h("div", {}, h("p", { class: "muted" }, intro), h("p", { class: "article-text" }, h("mark", { class: "evidence" }, source.evidence ?? "")));
}

/** The text split around the evidence; offsets are checked against the sentence first. */
export function articleText(text: string, source: Pick<Source, "start" | "end" | "evidence">): HTMLElement {
  const span = locate(text, source);
  const pre = h("p", { class: "article-text" });
  if (!span) {
    pre.append(text);
    return h("div", {}, source.evidence ? h("p", { class: "notice notice-warn" }, "The evidence sentence was not found in the stored text.") : null, pre);
  }
  const [start, end] = span;
  pre.append(text.slice(0, start), h("mark", { class: "evidence", tabindex: -1 }, text.slice(start, end)), text.slice(end));
  return pre;
}

function locate(text: string, source: Pick<Source, "start" | "end" | "evidence">): [number, number] | null {
  const { start, end, evidence } = source;
  if (start !== null && end !== null && start >= 0 && end <= text.length && start < end) {
    if (!evidence || text.slice(start, end).trim() === evidence.trim()) return [start, end];
  }
  if (evidence) {
    const found = text.indexOf(evidence.trim());
    if (found >= 0) return [found, found + evidence.trim().length];
  }
  return null;
}
