// Saving what is on screen: tables as CSV built from the rows shown, the graph
// as PNG, and RDF/GraphML/CSV of a subgraph from the API's export endpoints.

import { h } from "./dom";
import { keyHeaders } from "./key";

export type Cell = string | number | boolean | null | undefined;

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula get a leading quote. */
export function toCsv(header: string[], rows: Cell[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === "string") text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = h("a", { href: url, download: filename, class: "visually-hidden" });
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveText(text: string, filename: string, type: string): void {
  saveBlob(new Blob([text], { type }), filename);
}

export function saveCsv(header: string[], rows: Cell[][], filename: string): void {
  saveText(toCsv(header, rows), filename, "text/csv;charset=utf-8");
}

/** A file name from the parts of what is shown: "facts-target-china.csv". */
export function fileName(parts: (string | null | undefined)[], extension: string): string {
  const stem = parts
    .filter((part): part is string => Boolean(part))
    .map((part) => part.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""))
    .filter(Boolean)
    .join("-");
  return `${stem || "blocgraph"}.${extension}`;
}

export interface DownloadChoice {
  label: string;
  run: () => void | Promise<void>;
}

/** A "Download" menu button: a labelled group of format buttons. */
export function downloadMenu(label: string, choices: DownloadChoice[]): HTMLElement {
  const status = h("span", { class: "download-status", role: "status", aria: { live: "polite" } });
  const buttons = choices.map((choice) =>
    h(
      "button",
      {
        type: "button",
        class: "btn btn-small",
        data: { format: choice.label.toLowerCase() },
        on: {
          click: async () => {
            status.textContent = "";
            try {
              await choice.run();
            } catch (error) {
              status.textContent = error instanceof Error ? error.message : "Download failed";
            }
          },
        },
      },
      choice.label,
    ),
  );
  return h(
    "div",
    { class: "download", role: "group", aria: { label } },
    h("span", { class: "download-label", aria: { hidden: "true" } }, "Download"),
    ...buttons,
    status,
  );
}

function exportUrl(path: string, params: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  return `${path}${query.toString() ? `?${query}` : ""}`;
}

/** An export endpoint's answer; errors become readable messages. */
export async function fetchExport(path: string, params: Record<string, string | number | null | undefined>): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(exportUrl(path, params), { credentials: "same-origin", headers: keyHeaders() });
  } catch {
    throw new Error("The export endpoint did not answer.");
  }
  if (!response.ok) {
    let detail = `${response.status}`;
    try {
      const body = (await response.json()) as { detail?: unknown; errors?: { message?: string }[] };
      detail = String(body.detail ?? body.errors?.[0]?.message ?? detail);
    } catch {
      /* not JSON: keep the status */
    }
    throw new Error(`Export failed: ${detail}`);
  }
  return response.blob();
}

/** Fetch an export endpoint and save the answer. */
export async function saveExport(path: string, params: Record<string, string | number | null | undefined>, filename: string): Promise<void> {
  saveBlob(await fetchExport(path, params), filename);
}
