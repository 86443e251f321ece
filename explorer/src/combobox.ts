// An accessible autocomplete (WAI-ARIA combobox with a listbox popup): arrows
// move, Enter picks, Escape closes; suggestions are fetched as the reader types.

import { h, replace } from "./dom";

export interface Option {
  id: string;
  label: string;
  detail?: string;
  badge?: string;
  badgeClass?: string;
}

export interface ComboboxConfig {
  input: HTMLInputElement;
  list: HTMLUListElement;
  fetch: (text: string, signal: AbortSignal) => Promise<Option[]>;
  onPick: (option: Option) => void;
  /** Called on Enter when no suggestion is highlighted. */
  onSubmit?: (text: string) => void;
  minLength?: number;
  emptyText?: string;
}

let counter = 0;

export class Combobox {
  private options: Option[] = [];
  private active = -1;
  private pending: AbortController | null = null;
  private timer = 0;
  private readonly prefix = `cb${++counter}`;

  constructor(private readonly config: ComboboxConfig) {
    const { input, list } = config;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id || (list.id = `${this.prefix}-list`));
    list.setAttribute("role", "listbox");
    input.addEventListener("input", () => this.schedule());
    input.addEventListener("keydown", (event) => this.onKey(event));
    input.addEventListener("focus", () => this.options.length && this.open());
    input.addEventListener("blur", () => window.setTimeout(() => this.close(), 150));
  }

  clear(): void {
    this.config.input.value = "";
    this.options = [];
    this.close();
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.load(), 140);
  }

  private async load(): Promise<void> {
    const text = this.config.input.value.trim();
    this.pending?.abort();
    if (text.length < (this.config.minLength ?? 1)) {
      this.options = [];
      this.close();
      return;
    }
    const controller = new AbortController();
    this.pending = controller;
    try {
      const options = await this.config.fetch(text, controller.signal);
      if (controller.signal.aborted) return;
      this.show(options);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.showMessage(error instanceof Error ? error.message : "Search failed");
    }
  }

  private show(options: Option[]): void {
    this.options = options;
    this.active = -1;
    const { list } = this.config;
    if (options.length === 0) {
      this.showMessage(this.config.emptyText ?? "No match");
      return;
    }
    replace(list, ...options.map((option, index) => this.item(option, index)));
    this.open();
  }

  private item(option: Option, index: number): HTMLLIElement {
    return h(
      "li",
      {
        id: `${this.prefix}-opt-${index}`,
        role: "option",
        class: "suggestion",
        aria: { selected: "false" },
        on: {
          mousedown: (event) => event.preventDefault(),
          click: () => this.pick(index),
        },
      },
      h("span", { class: "suggestion-label" }, option.label),
      option.detail ? h("span", { class: "suggestion-detail" }, option.detail) : null,
      option.badge ? h("span", { class: `badge ${option.badgeClass ?? ""}` }, option.badge) : null,
    );
  }

  private showMessage(text: string): void {
    this.options = [];
    replace(this.config.list, h("li", { class: "suggestion-empty", role: "option", aria: { disabled: "true" } }, text));
    this.open();
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.options.length;
    if (event.key === "ArrowDown" && count) {
      event.preventDefault();
      this.open();
      this.highlight((this.active + 1) % count);
    } else if (event.key === "ArrowUp" && count) {
      event.preventDefault();
      this.highlight((this.active - 1 + count) % count);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (this.active >= 0) this.pick(this.active);
      else if (count === 1) this.pick(0);
      else this.config.onSubmit?.(this.config.input.value.trim());
    } else if (event.key === "Escape") {
      this.close();
    }
  }

  private highlight(index: number): void {
    this.active = index;
    const items = Array.from(this.config.list.querySelectorAll<HTMLLIElement>("[role=option]"));
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
    const current = items[index];
    if (current) {
      this.config.input.setAttribute("aria-activedescendant", current.id);
      current.scrollIntoView({ block: "nearest" });
    }
  }

  private pick(index: number): void {
    const option = this.options[index];
    if (!option) return;
    this.close();
    this.config.onPick(option);
  }

  private open(): void {
    this.config.list.hidden = false;
    this.config.input.setAttribute("aria-expanded", "true");
  }

  private close(): void {
    this.config.list.hidden = true;
    this.config.input.setAttribute("aria-expanded", "false");
    this.config.input.removeAttribute("aria-activedescendant");
  }
}
