// Safe DOM building: every piece of data becomes a text node or an attribute
// value, never markup. Nothing in the explorer assigns innerHTML.

export type Child = Node | string | number | null | undefined | false;

export interface Attrs {
  class?: string;
  id?: string;
  href?: string;
  type?: string;
  role?: string;
  title?: string;
  for?: string;
  name?: string;
  value?: string;
  placeholder?: string;
  hidden?: boolean;
  disabled?: boolean;
  tabindex?: number;
  data?: Record<string, string>;
  aria?: Record<string, string | number | boolean>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
  [attr: string]: unknown;
}

const SPECIAL = new Set(["class", "data", "aria", "on", "hidden", "disabled"]);

/** An element with attributes and children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  append(el, ...children);
  return el;
}

export function applyAttrs(el: Element, attrs: Attrs): void {
  if (attrs.class) el.setAttribute("class", attrs.class);
  if (attrs.hidden) el.setAttribute("hidden", "");
  if (attrs.disabled) el.setAttribute("disabled", "");
  for (const [key, value] of Object.entries(attrs.data ?? {})) el.setAttribute(`data-${key}`, value);
  for (const [key, value] of Object.entries(attrs.aria ?? {})) {
    el.setAttribute(`aria-${key}`, String(value));
  }
  for (const [event, handler] of Object.entries(attrs.on ?? {})) {
    el.addEventListener(event, handler as EventListener);
  }
  for (const [key, value] of Object.entries(attrs)) {
    if (SPECIAL.has(key) || value === undefined || value === null || value === false) continue;
    if (key === "style" || key.startsWith("on")) throw new Error(`refused attribute ${key}`);
    el.setAttribute(key, value === true ? "" : String(value));
  }
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** Replace every child of ``parent``. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element; attribute values are set with setAttribute, never parsed as markup. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  append(el, ...children);
  return el;
}

export function $(selector: string, root: ParentNode = document): HTMLElement {
  const found = root.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`missing element ${selector}`);
  return found;
}

/** Read by screen readers through the polite live region. */
export function announce(message: string): void {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  window.setTimeout(() => (region.textContent = message), 30);
}
