// The search box in the top bar, and entity pickers for filters: suggestions
// by name or alias as the reader types, optionally restricted to one type.

import { Combobox, type Option } from "./combobox";
import { searchEntities } from "./data";
import { $, h } from "./dom";
import { ENTITY_TYPES, typeClass, typeLabel } from "./format";
import type { Entity } from "./model";
import { entityLink, link, navigate } from "./router";
import { whenSchemaInfo } from "./schema_info";

export function entityOption(entity: Entity): Option {
  const where = [entity.countryName ?? entity.country, entity.aliases.length ? `aka ${entity.aliases.slice(0, 2).join(", ")}` : null]
    .filter(Boolean)
    .join(" · ");
  return {
    id: entity.id,
    label: entity.name,
    detail: where || undefined,
    badge: typeLabel(entity.type),
    badgeClass: typeClass(entity.type),
  };
}

export function mountTopSearch(): void {
  const input = $("#search-input") as HTMLInputElement;
  const list = $("#search-suggestions") as HTMLUListElement;
  const typeSelect = $("#search-type") as HTMLSelectElement;
  for (const type of ENTITY_TYPES) typeSelect.appendChild(h("option", { value: type }, typeLabel(type)));
  // Titles come with the model, which may arrive after the search box is up.
  whenSchemaInfo(() => typeSelect.querySelectorAll("option").forEach((option) => option.value && (option.textContent = typeLabel(option.value))));
  const types = (): string[] | null => (typeSelect.value ? [typeSelect.value] : null);
  const box = new Combobox({
    input,
    list,
    fetch: async (text, signal) => (await searchEntities(text, types(), 8, null, signal)).items.map(entityOption),
    onPick: (option) => {
      box.clear();
      navigate(entityLink(option.id));
    },
    onSubmit: (text) => {
      if (text) navigate(link(["search"], { q: text, type: typeSelect.value }));
    },
    emptyText: "No entity matches. Press Enter to search all results.",
  });
  typeSelect.addEventListener("change", () => input.dispatchEvent(new Event("input")));
  $("#search-form").addEventListener("submit", (event) => event.preventDefault());
  document.addEventListener("keydown", (event) => {
    const target = event.target as HTMLElement | null;
    const typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
    if (event.key === "/" && !typing) {
      event.preventDefault();
      input.focus();
    }
  });
}

export interface EntityPicker {
  element: HTMLElement;
  value: () => string | null;
  set: (id: string | null, label?: string) => void;
}

/** A labelled input that picks one entity; ``onChange`` gets its id (or null when cleared). */
export function entityPicker(label: string, onChange: (id: string | null) => void, types: string[] | null = null): EntityPicker {
  const inputId = `p-${Math.random().toString(36).slice(2, 9)}`;
  const input = h("input", { id: inputId, class: "input", type: "text", placeholder: "Any", autocomplete: "off", spellcheck: "false" });
  const list = h("ul", { class: "suggestions", hidden: true, aria: { label: `${label} suggestions` } });
  let chosen: string | null = null;
  const set = (id: string | null, text = ""): void => {
    chosen = id;
    input.value = id ? text || id : "";
    input.dataset.entity = id ?? "";
  };
  new Combobox({
    input,
    list,
    fetch: async (text, signal) => (await searchEntities(text, types, 8, null, signal)).items.map(entityOption),
    onPick: (option) => {
      set(option.id, option.label);
      onChange(option.id);
    },
    emptyText: "No entity matches",
  });
  input.addEventListener("change", () => {
    if (!input.value.trim() && chosen) {
      set(null);
      onChange(null);
    }
  });
  const element = h("div", { class: "field picker" }, h("label", { for: inputId }, label), input, list);
  return { element, value: () => chosen, set };
}
