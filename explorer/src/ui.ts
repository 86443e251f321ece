// Shared pieces of page: the loading, empty and error states, section headers
// and small labelled controls. Every state says in words what happened.

import { ApiError, explain } from "./api";
import { readKey, saveKey } from "./key";
import { h, type Child } from "./dom";
import { typeClass, typeLabel, blocColour } from "./format";

export function loading(what: string): HTMLElement {
  return h(
    "div",
    { class: "state state-loading", role: "status", aria: { live: "polite" } },
    h("span", { class: "spinner", aria: { hidden: "true" } }),
    h("span", {}, `Loading ${what}…`),
  );
}

export function empty(title: string, detail?: string, ...extra: Child[]): HTMLElement {
  return h(
    "div",
    { class: "state state-empty" },
    h("p", { class: "state-title" }, title),
    detail ? h("p", { class: "state-detail" }, detail) : null,
    ...extra,
  );
}

export function failure(error: unknown, retry?: () => void): HTMLElement {
  const { title, detail } = explain(error);
  const needsKey = error instanceof ApiError && error.kind === "auth";
  return h(
    "div",
    { class: "state state-error", role: "alert" },
    h("p", { class: "state-title" }, title),
    h("p", { class: "state-detail" }, detail),
    needsKey ? keyForm(retry ?? (() => window.location.reload())) : null,
    retry && !needsKey ? h("button", { type: "button", class: "btn", on: { click: retry } }, "Try again") : null,
  );
}

/** Asks for the API key of a server with keyed reads; kept in session storage only. */
function keyForm(retry: () => void): HTMLElement {
  const input = h("input", { type: "password", name: "api-key", autocomplete: "off", spellcheck: "false", value: readKey() });
  return h(
    "form",
    {
      class: "key-form",
      aria: { label: "Enter an API key" },
      on: {
        submit: (event) => {
          event.preventDefault();
          saveKey(input.value.trim());
          retry();
        },
      },
    },
    field("API key", input),
    h("button", { type: "submit", class: "btn btn-primary" }, "Use this key"),
  );
}

export function typeBadge(type: string): HTMLElement {
  return h("span", { class: `badge ${typeClass(type)}` }, typeLabel(type));
}

export function blocChip(bloc: string | null | undefined, name?: string | null): HTMLElement {
  const chip = h("span", { class: "bloc-chip" }, h("span", { class: "swatch", data: { bloc: bloc ?? "none" } }), name || bloc || "no bloc");
  chip.querySelector<HTMLElement>(".swatch")?.style.setProperty("background", blocColour(bloc));
  return chip;
}

export function section(title: string, id: string, ...children: Child[]): HTMLElement {
  return h(
    "section",
    { class: "card", aria: { labelledby: id } },
    h("h2", { id, class: "card-title" }, title),
    ...children,
  );
}

export function field(label: string, control: HTMLElement): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), control);
}

export function select(options: [string, string][], value = ""): HTMLSelectElement {
  const el = h("select", {});
  for (const [optionValue, text] of options) {
    const option = h("option", { value: optionValue }, text);
    if (optionValue === value) option.selected = true;
    el.appendChild(option);
  }
  return el;
}

export function pageHeader(title: string, subtitle?: string, ...actions: Child[]): HTMLElement {
  return h(
    "div",
    { class: "page-header" },
    h("div", {}, h("h1", {}, title), subtitle ? h("p", { class: "subtitle" }, subtitle) : null),
    actions.length ? h("div", { class: "page-actions" }, ...actions) : null,
  );
}
