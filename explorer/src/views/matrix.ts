// The bloc matrix: organisations by blocs as a heat map. Each cell links to
// the entity's dependency panel open on that bloc, where the paths are listed.

import { getMatrix, listEntityIds } from "../data";
import { h, replace } from "../dom";
import { downloadMenu, fileName, saveCsv } from "../download";
import { blocShort, ENTITY_TYPES, percent, plural, typeLabel, typePlural } from "../format";
import type { Matrix, MatrixRow } from "../model";
import { entityLink, link, navigate, type Route } from "../router";
import { DataTable, type Column } from "../table";
import { empty, failure, field, loading, pageHeader, select } from "../ui";

const MATRIX_TYPES = ENTITY_TYPES.filter((t) => t !== "Person" && t !== "AIModel" && t !== "Hardware" && t !== "Regulation");

export async function renderMatrix(route: Route, container: HTMLElement, signal: AbortSignal): Promise<void> {
  const type = route.params.get("type") ?? "Company";
  const country = route.params.get("country") ?? "";
  const asOf = route.params.get("asOf") ?? "";
  const text = route.params.get("q") ?? "";
  const typeSelect = select(MATRIX_TYPES.map((t) => [t, typeLabel(t)]), type);
  const countryInput = h("input", { type: "text", value: country, placeholder: "e.g. FR", maxlength: "2", autocomplete: "off", spellcheck: "false" });
  const asOfInput = h("input", { type: "date", value: asOf });
  const nameInput = h("input", { type: "search", value: text, placeholder: "Filter by name", autocomplete: "off" });
  const mixedOnly = route.params.get("mixed") === "1";
  const mixedBox = h("input", { type: "checkbox", id: "mixed-only", name: "mixed" });
  mixedBox.checked = mixedOnly;
  const go = (): void =>
    navigate(
      link(["matrix"], {
        type: typeSelect.value,
        country: countryInput.value.trim().toUpperCase(),
        asOf: asOfInput.value,
        q: nameInput.value.trim(),
        mixed: mixedBox.checked ? "1" : null,
      }),
    );
  const form = h(
    "form",
    { class: "filters", aria: { label: "Matrix filters" }, on: { submit: (e) => (e.preventDefault(), go()) } },
    field("Type", typeSelect),
    field("Country (ISO code)", countryInput),
    field("As of", asOfInput),
    field("Name", nameInput),
    h("div", { class: "field field-check" }, h("label", { for: "mixed-only", class: "check" }, mixedBox, " Tied to 2+ blocs only")),
    h("div", { class: "filter-actions" }, h("button", { type: "submit", class: "btn btn-primary" }, "Apply"), h("a", { class: "btn", href: link(["matrix"]) }, "Clear")),
  );
  typeSelect.addEventListener("change", go);
  asOfInput.addEventListener("change", go);
  mixedBox.addEventListener("change", go);
  const area = h("div", {}, loading("the bloc matrix"));
  replace(
    container,
    pageHeader("Bloc matrix", "How much each organisation depends on each bloc: home, capital, state ties and restrictions combined. Select a cell for the paths behind it."),
    h("section", { class: "card" }, form),
    area,
  );
  try {
    const [matrix, allowed] = await Promise.all([getMatrix(type, asOf || null, signal), country ? listEntityIds(type, country, signal) : Promise.resolve(null)]);
    if (signal.aborted) return;
    const needle = text.toLowerCase();
    const mixed = (r: MatrixRow): boolean => r.scores.filter((score) => score > 0).length > 1;
    const rows = matrix.rows.filter((r) => (!allowed || allowed.has(r.id)) && (!needle || r.name.toLowerCase().includes(needle)) && (!mixedOnly || mixed(r)));
    replace(area, matrixCard(matrix, rows, type, country));
  } catch (error) {
    if (!signal.aborted) replace(area, failure(error));
  }
}

function matrixCard(matrix: Matrix, rows: MatrixRow[], type: string, country: string): HTMLElement {
  if (!rows.length) {
    return empty("Nothing to show", `No ${typePlural(type)} ${country ? `based in ${country} ` : ""}match these filters${matrix.asOf ? " on that date" : ""}.`);
  }
  const used = matrix.blocs.map((b, i) => ({ ...b, index: i })).filter((b) => rows.some((r) => r.scores[b.index] > 0));
  const columns: Column<MatrixRow>[] = [
    { key: "name", label: typeLabel(type), cell: (r) => h("a", { href: entityLink(r.id), class: "matrix-name" }, r.name), sort: (r) => r.name, csv: (r) => r.name, className: "matrix-rowhead" },
    ...used.map(
      (b): Column<MatrixRow> => ({
        key: b.id,
        label: blocShort(b.id, b.name),
        title: b.name,
        cell: (r) => heatCell(r, b.id, b.name, r.scores[b.index]),
        sort: (r) => r.scores[b.index],
        csv: (r) => Number(r.scores[b.index].toFixed(4)),
        numeric: true,
        className: "heat-col",
      }),
    ),
  ];
  // Most mixed first: the organisations tied to several blocs are the interesting ones.
  const top = (r: MatrixRow): number => Math.max(...used.map((b) => r.scores[b.index]));
  const table = new DataTable<MatrixRow>(columns, `Dependency of each ${typeLabel(type).toLowerCase()} on each bloc`, null);
  table.setRows([...rows].sort((a, b) => top(a) - top(b) || a.name.localeCompare(b.name)));
  const hidden = matrix.blocs.length - used.length;
  return h(
    "section",
    { class: "card matrix-card", aria: { label: "Bloc matrix" } },
    h(
      "div",
      { class: "card-head" },
      h(
        "p",
        { class: "table-count" },
        `${rows.length} ${rows.length === 1 ? typeLabel(type).toLowerCase() : typePlural(type)} × ${plural(used.length, "bloc")}${hidden ? ` (${hidden} without ties hidden)` : ""} · most mixed first${matrix.asOf ? ` · as of ${matrix.asOf}` : ""}`,
      ),
      h("div", { class: "matrix-tools" }, scaleLegend(), downloadMenu("Download the matrix", [{ label: "CSV", run: () => saveCsv(...table.csv(), fileName(["bloc-matrix", type, country], "csv")) }])),
    ),
    table.element,
  );
}

/** 0..1 onto a light-to-deep blue ramp, readable with dark text below ~55 %. */
function heat(score: number): string {
  const from = [241, 244, 250];
  const to = [23, 62, 160];
  const t = Math.pow(Math.min(1, Math.max(0, score)), 0.8);
  const mix = from.map((f, i) => Math.round(f + (to[i] - f) * t));
  return `rgb(${mix.join(", ")})`;
}

function heatCell(row: MatrixRow, bloc: string, blocName: string, score: number): HTMLElement {
  if (score <= 0) return h("span", { class: "heat heat-zero", aria: { label: `${row.name} has no tie to ${blocName}` } }, "·");
  const cell = h(
    "a",
    { class: `heat${score > 0.5 ? " heat-dark" : ""}`, href: entityLink(row.id, undefined, { bloc }), aria: { label: `${row.name} depends ${percent(score)} on ${blocName}: show the paths` } },
    percent(score),
  );
  cell.style.background = heat(score);
  return cell;
}

function scaleLegend(): HTMLElement {
  const steps = [0.05, 0.25, 0.5, 0.75, 1].map((s) => {
    const box = h("span", { class: "scale-step" });
    box.style.background = heat(s);
    return box;
  });
  return h("div", { class: "scale", aria: { label: "Colour scale from 0 to 100 percent" } }, h("span", { class: "muted" }, "0%"), ...steps, h("span", { class: "muted" }, "100%"));
}
