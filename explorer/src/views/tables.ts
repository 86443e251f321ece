// Any fact type as a table, built from the model's description of its fields:
// a date column for dated types, a column per participant field (and the blocs
// of its entities), money for amounts, then plain values and the sources. The
// filters are the model's too: one per participant field, the bloc, the period
// for dated types and a minimum for types with an amount. Filters go to the API
// (the generic `facts` listing), sorting happens on the rows loaded, and
// "Load more" pages on. A fact type added to the YAML model gets its table at
// #/facts/<code> with no change here.

import { getEntity, listBlocs, listFacts, type FactFilters } from "../data";
import { h, replace, type Child } from "../dom";
import { downloadMenu, fileName, saveCsv } from "../download";
import { blocShort, date, money, plural, sourceName } from "../format";
import type { Fact, Participant } from "../model";
import { link, navigate, type Route } from "../router";
import { factSlug, factTypeBySlug, listedFactTypes, type FactFieldInfo, type FactTypeInfo } from "../schema_info";
import { entityPicker, type EntityPicker } from "../search";
import { DataTable, type Column } from "../table";
import { blocChip, failure, field, loading, pageHeader, select } from "../ui";
import { nameRef } from "./facts";
import { openEvidence } from "./reader";

const PAGE = 50;

type Filters = Record<string, string | null>;

/** A column, and whether a fact has something to show in it (empty columns are left out). */
interface FieldColumn extends Column<Fact> {
  filled?: (fact: Fact) => boolean;
}

// ---------------------------------------------------------------- cells

/** "lead_investors" -> "Lead investors". */
function words(name: string): string {
  const text = name.replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function names(fact: Fact, fieldName: string): Participant[] {
  return fact.participants.filter((p) => p.field === fieldName);
}

function nameList(ps: Participant[]): Child {
  if (!ps.length) return h("span", { class: "muted" }, "—");
  return h("span", { class: "name-list" }, ...ps.flatMap((p, i) => [i ? ", " : "", nameRef(p, null), p.lead ? h("span", { class: "lead-tag" }, " (lead)") : ""]));
}

function nameText(ps: Participant[]): string {
  return ps.map((p) => `${p.name}${p.lead ? " (lead)" : ""}`).join("; ");
}

function blocsOf(ps: Participant[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const p of ps) if (p.bloc) seen.set(p.bloc, p.blocName ?? p.bloc);
  return [...seen.entries()].map(([id, name]) => ({ id, name }));
}

function blocCell(ps: Participant[]): Child {
  const blocs = blocsOf(ps);
  if (!blocs.length) return h("span", { class: "muted" }, "—");
  return h("span", { class: "bloc-cell" }, ...blocs.map((b) => blocChip(b.id, blocShort(b.id, b.name))));
}

function blocText(ps: Participant[]): string {
  return blocsOf(ps).map((b) => b.name).join("; ");
}

function sourcesCell(fact: Fact): Child {
  const sources = fact.sources ?? [];
  if (!sources.length) return h("span", { class: "muted" }, String(fact.sourceCount || "—"));
  return h(
    "span",
    { class: "source-cell" },
    ...sources.map((s, i) =>
      h(
        "button",
        { type: "button", class: "btn-link", title: s.evidence ?? "", on: { click: (e) => openEvidence(s, e.currentTarget as HTMLElement) } },
        `${i ? ", " : ""}${sourceName(s)}`,
      ),
    ),
  );
}

function text(fact: Fact, name: string): string | null {
  const value = fact.attributes[name];
  return value === null || value === undefined || value === "" ? null : String(value);
}

function amount(fact: Fact, name: string): number | null {
  const value = fact.attributes[name];
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

// ---------------------------------------------------------------- columns

function participantColumns(spec: FactFieldInfo): FieldColumn[] {
  const label = words(spec.name);
  const has = (f: Fact): boolean => names(f, spec.name).length > 0;
  const columns: FieldColumn[] = [
    { key: spec.name, label, cell: (f) => nameList(names(f, spec.name)), sort: (f) => nameText(names(f, spec.name)), csv: (f) => nameText(names(f, spec.name)), filled: has },
  ];
  if (spec.type === "entity") {
    columns.push({
      key: `${spec.name}_bloc`,
      label: spec.list ? `${label} blocs` : `${label} bloc`,
      cell: (f) => blocCell(names(f, spec.name)),
      sort: (f) => blocText(names(f, spec.name)),
      csv: (f) => blocText(names(f, spec.name)),
      filled: (f) => blocsOf(names(f, spec.name)).length > 0,
    });
  }
  return columns;
}

/** The columns of a fact type, in the order its fields suggest: when, who, how much, what. */
export function tableColumns(type: FactTypeInfo): FieldColumn[] {
  const of = (kind: string): FactFieldInfo[] => type.fields.filter((f) => f.type === kind);
  const currency = of("currency")[0]?.name;
  const columns: FieldColumn[] = [];
  for (const spec of of("date")) {
    columns.push({ key: spec.name, label: words(spec.name), cell: (f) => date(text(f, spec.name)), sort: (f) => text(f, spec.name), csv: (f) => text(f, spec.name), className: "nowrap" });
  }
  for (const spec of type.fields.filter((f) => f.participant)) columns.push(...participantColumns(spec));
  for (const spec of of("amount")) {
    columns.push({
      key: spec.name,
      label: words(spec.name),
      cell: (f) => money(amount(f, spec.name), currency ? text(f, currency) : null),
      sort: (f) => amount(f, spec.name),
      csv: (f) => amount(f, spec.name),
      numeric: true,
      filled: (f) => amount(f, spec.name) !== null,
    });
  }
  for (const spec of [...of("currency"), ...of("string")]) {
    columns.push({ key: spec.name, label: words(spec.name), cell: (f) => text(f, spec.name) ?? h("span", { class: "muted" }, "—"), sort: (f) => text(f, spec.name), csv: (f) => text(f, spec.name), filled: (f) => text(f, spec.name) !== null });
  }
  columns.push({ key: "sources", label: "Sources", cell: sourcesCell, csv: (f) => (f.sources ?? []).map(sourceName).join("; ") });
  return columns;
}

/** The columns worth showing for these rows: a field no row fills (a flagged subset, say) is left out. */
function shownColumns(columns: FieldColumn[], rows: Fact[]): FieldColumn[] {
  return columns.filter((c) => !c.filled || rows.some(c.filled));
}

// ---------------------------------------------------------------- filters

function withName<T extends HTMLElement>(el: T, name: string): T {
  el.setAttribute("name", name);
  return el;
}

function dateField(label: string, name: string, filters: Filters): HTMLElement {
  return field(label, withName(h("input", { type: "text", inputmode: "numeric", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", placeholder: "YYYY-MM-DD", value: filters[name] ?? "" }), name));
}

/** The model's filters for a type, from the URL's parameters (named after the fields). */
function factFilters(type: FactTypeInfo, filters: Filters): FactFilters {
  const participants = type.fields
    .filter((f) => f.participant && filters[f.name])
    .map((f) => ({ field: f.name, id: filters[f.name] as string }));
  const min = filters.minAmount ? Number(filters.minAmount) : NaN;
  return {
    participants,
    bloc: filters.bloc || null,
    from: type.dated ? filters.from || null : null,
    to: type.dated ? filters.to || null : null,
    minAmount: hasAmount(type) && Number.isFinite(min) ? min : null,
  };
}

function hasAmount(type: FactTypeInfo): boolean {
  return type.fields.some((f) => f.type === "amount");
}

function otherFields(type: FactTypeInfo, filters: Filters, blocOptions: [string, string][]): HTMLElement[] {
  const fields: HTMLElement[] = [];
  // A country field takes an ISO code (countries are not searchable entities).
  for (const spec of type.fields.filter((f) => f.participant && f.type !== "entity")) {
    fields.push(field(words(spec.name), withName(h("input", { type: "text", value: filters[spec.name] ?? "", placeholder: "ISO code, e.g. FR", maxlength: "3" }), spec.name)));
  }
  fields.push(field("Bloc", withName(select(blocOptions, filters.bloc ?? ""), "bloc")));
  if (hasAmount(type)) {
    fields.push(field("Min amount (USD)", withName(h("input", { type: "number", min: "0", step: "any", value: filters.minAmount ?? "", placeholder: "e.g. 100000000" }), "minAmount")));
  }
  if (type.dated) fields.push(dateField("From", "from", filters), dateField("To", "to", filters));
  return fields;
}

// ---------------------------------------------------------------- the view

/** #/facts/<code>: the table of one fact type; #/facts alone opens the first tabbed type. */
export async function renderFactTable(route: Route, container: HTMLElement, signal: AbortSignal): Promise<void> {
  const slug = route.parts[1];
  const type = slug ? factTypeBySlug(slug) : listedFactTypes()[0];
  if (!type) throw new Error(slug ? `There is no fact type called "${slug}".` : "The model lists no fact types.");
  const path = ["facts", factSlug(type.code)];
  const filters: Filters = Object.fromEntries(route.params.entries());
  const many = type.plural.toLowerCase();
  const blocOptions: [string, string][] = [["", "Any bloc"], ...(await listBlocs(signal).catch(() => [])).map((b): [string, string] => [b.id, b.name])];
  const pickers = new Map<string, EntityPicker>();
  for (const spec of type.fields.filter((f) => f.participant && f.type === "entity")) pickers.set(spec.name, entityPicker(words(spec.name), () => form.requestSubmit()));
  const form: HTMLFormElement = h(
    "form",
    { class: "filters", aria: { label: "Filters" }, on: { submit: (e) => (e.preventDefault(), apply()) } },
    ...[...pickers.values()].map((p) => p.element),
    ...otherFields(type, filters, blocOptions),
    h("div", { class: "filter-actions" }, h("button", { type: "submit", class: "btn btn-primary" }, "Apply"), h("a", { class: "btn", href: link(path) }, "Clear")),
  );
  form.querySelectorAll("select").forEach((el) => el.addEventListener("change", () => form.requestSubmit()));
  const apply = (): void => {
    const next: Record<string, string | null> = {};
    for (const [key, picker] of pickers) next[key] = picker.value();
    new FormData(form).forEach((value, key) => (next[key] = String(value).trim() || null));
    navigate(link(path, next));
  };
  const columns = tableColumns(type);
  // Newest first, as the API sends dated types.
  const dateKey = type.fields.find((f) => f.type === "date")?.name;
  const initialSort = (): [string, "descending"] | null => (dateKey ? [dateKey, "descending"] : null);
  let table = new DataTable<Fact>(columns, type.plural, initialSort());
  let shownKeys = "";
  const count = h("p", { class: "table-count", role: "status", aria: { live: "polite" } });
  const more = h("button", { type: "button", class: "btn", hidden: true }, "Load more");
  const area = h("div", { class: "table-area" }, loading(many));
  const csv = downloadMenu(`Download the ${many} shown`, [
    { label: "CSV", run: () => saveCsv(...table.csv(), fileName([...path, ...Object.entries(filters).map(([k, v]) => `${k}-${v}`)], "csv")) },
  ]);
  replace(
    container,
    pageHeader(type.plural, type.description),
    h("section", { class: "card" }, form),
    h("section", { class: "card table-card", aria: { label: type.plural } }, h("div", { class: "card-head" }, count, csv), area, h("div", { class: "more" }, more)),
  );
  await fillPickers(pickers, filters, signal);
  const query = factFilters(type, filters);
  const rows: Fact[] = [];
  const load = async (after: string | null): Promise<void> => {
    try {
      const page = await listFacts(type.code, query, PAGE, after, signal);
      if (signal.aborted) return;
      rows.push(...page.items);
      const shown = rows.length ? shownColumns(columns, rows) : columns;
      const keys = shown.map((c) => c.key).join(",");
      if (keys !== shownKeys) {
        table = new DataTable<Fact>(shown, type.plural, initialSort());
        shownKeys = keys;
      }
      table.setRows(rows, `No ${many} match these filters.`);
      replace(area, table.element);
      count.textContent = `${plural(rows.length, type.title.toLowerCase(), many)}${page.hasNext ? " loaded, more available" : ""}`;
      more.hidden = !page.hasNext;
      more.onclick = () => void load(page.endCursor);
    } catch (error) {
      if (!signal.aborted) replace(area, failure(error, () => void load(after)));
    }
  };
  await load(null);
}

async function fillPickers(pickers: Map<string, EntityPicker>, filters: Filters, signal: AbortSignal): Promise<void> {
  await Promise.all(
    [...pickers.entries()].map(async ([key, picker]) => {
      const id = filters[key];
      if (!id) return;
      const entity = await getEntity(id, signal).catch(() => null);
      picker.set(id, entity?.name ?? id);
    }),
  );
}
