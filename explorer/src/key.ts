// The API key this tab uses, for servers that key their reads (BLOCGRAPH_API_READS=keyed).
// It is kept in session storage, so it lives as long as the tab and never reaches a URL,
// the history or another site; every request and download sends it as X-API-Key.

const STORAGE_KEY = "blocgraph-api-key";
export const API_KEY_HEADER = "X-API-Key";

export function readKey(): string {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY) ?? "";
  } catch {
    return ""; // storage disabled: the key is asked for again
  }
}

export function saveKey(key: string): void {
  try {
    if (key) window.sessionStorage.setItem(STORAGE_KEY, key);
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    /* storage disabled: nothing is kept */
  }
}

/** The header that carries ``key`` (the tab's key when none is given), or none. */
export function keyHeaders(key: string = readKey()): Record<string, string> {
  return key ? { [API_KEY_HEADER]: key } : {};
}
