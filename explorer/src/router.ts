// A hash router: the URL after "#" names the view and its parameters, so every
// screen can be bookmarked, reloaded and reached with the back button.

export interface Route {
  /** Path segments after "#/", decoded: ["entity", "mistral-ai"]. */
  parts: string[];
  params: URLSearchParams;
}

export type ViewRender = (route: Route, container: HTMLElement, signal: AbortSignal) => void | Promise<void>;

export function currentRoute(): Route {
  const raw = window.location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?", 2);
  const parts = path.split("/").filter(Boolean).map(safeDecode);
  return { parts, params: new URLSearchParams(query) };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The hash for a view: link("entity", id) + optional parameters (empty ones dropped). */
export function link(parts: string[], params: Record<string, string | null | undefined> = {}): string {
  const path = parts.map(encodeURIComponent).join("/");
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return `#/${path}${text ? `?${text}` : ""}`;
}

export function entityLink(id: string, view?: string, params: Record<string, string | null | undefined> = {}): string {
  return link(view ? ["entity", id, view] : ["entity", id], params);
}

/** Change the parameters of the current view without adding a history entry per keystroke. */
export function replaceParams(params: Record<string, string | null | undefined>): void {
  const route = currentRoute();
  const merged: Record<string, string | null | undefined> = Object.fromEntries(route.params.entries());
  Object.assign(merged, params);
  const target = link(route.parts, merged);
  if (target !== window.location.hash) history.replaceState(null, "", target);
}

export function navigate(hash: string): void {
  if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else window.location.hash = hash;
}
