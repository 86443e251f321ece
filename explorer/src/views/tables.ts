// Bans and funding rounds as tables: filters go to the API (entity, bloc,
// dates, amounts), sorting happens on the rows loaded, and "Load more" pages on.

import { listBans, listBlocs, listFunding, getEntity } from "../data";
import { h, replace, type Child } from "../dom";
import { downloadMenu, fileName, saveCsv } from "../download";
import { blocShort, date, money, plural, sourceName } from "../format";
import type { Fact, Page, Participant } from "../model";
import { link, navigate, type Route } from "../router";
import { entityPicker, type EntityPicker } from "../search";
import { DataTable, type Column } from "../table";
import { blocChip, failure, field, loading, pageHeader, select } from "../ui";
import { nameRef } from "./facts";
import { openEvidence } from "./reader";

const PAGE = 50;

type Filters = Record<string, string | null>;

function names(fact: Fact, field: string): Participant[] {
  return fact.participants.filter((p) => p.field === field);
}

function nameList(ps: Participant[]): Child {
  if (!ps.length) return h("span", { class: "muted" }, "—");
  return h("span", { class: "name-list" }, ...ps.flatMap((p, i) => [i ? ", " : "", nameRef(p, null), p.lead ? h("span", { class: "lead-tag" }, " (lead)") : ""]));
}

function text(ps: Participant[]): string {
  return ps.map((p) => `${p.name}${p.lead ? " (lead)" : ""}`).join("; ");
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

const RESTRICTION_COLUMNS: Column<Fact>[] = [
  { key: "actor", label: "Actor", cell: (f) => nameList(names(f, "actor")), sort: (f) => text(names(f, "actor")), csv: (f) => text(names(f, "actor")) },
  { key: "actor_bloc", label: "Actor bloc", cell: (f) => blocCell(names(f, "actor")), sort: (f) => blocText(names(f, "actor")), csv: (f) => blocText(names(f, "actor")) },
  { key: "target", label: "Target", cell: (f) => nameList(names(f, "target")), sort: (f) => text(names(f, "target")), csv: (f) => text(names(f, "target")) },
  { key: "target_bloc", label: "Target bloc", cell: (f) => blocCell(names(f, "target")), sort: (f) => blocText(names(f, "target")), csv: (f) => blocText(names(f, "target")) },
  { key: "subject", label: "Subject", cell: (f) => nameList(names(f, "subject")), sort: (f) => text(names(f, "subject")), csv: (f) => text(names(f, "subject")) },
  { key: "date", label: "Date", cell: (f) => date(f.date), sort: (f) => f.date, csv: (f) => f.date, className: "nowrap" },
  { key: "sources", label: "Sources", cell: sourcesCell, csv: (f) => (f.sources ?? []).map(sourceName).join("; ") },
];

const ROUND_COLUMNS: Column<Fact>[] = [
  { key: "company", label: "Company", cell: (f) => nameList(names(f, "company")), sort: (f) => text(names(f, "company")), csv: (f) => text(names(f, "company")) },
  { key: "round", label: "Round", cell: (f) => f.round ?? h("span", { class: "muted" }, "—"), sort: (f) => f.round, csv: (f) => f.round },
  { key: "amount", label: "Amount", cell: (f) => money(f.amount, f.currency), sort: (f) => f.amount, csv: (f) => f.amount, numeric: true },
  { key: "currency", label: "Currency", cell: (f) => f.currency ?? "—", sort: (f) => f.currency, csv: (f) => f.currency },
  { key: "valuation", label: "Valuation", cell: (f) => money(f.valuation, f.currency), sort: (f) => f.valuation, csv: (f) => f.valuation, numeric: true },
  { key: "investors", label: "Investors", cell: (f) => nameList(names(f, "investors")), sort: (f) => text(names(f, "investors")), csv: (f) => text(names(f, "investors")) },
  { key: "investor_blocs", label: "Investor blocs", cell: (f) => blocCell(names(f, "investors")), sort: (f) => blocText(names(f, "investors")), csv: (f) => blocText(names(f, "investors")) },
  { key: "date", label: "Date", cell: (f) => date(f.date), sort: (f) => f.date, csv: (f) => f.date, className: "nowrap" },
  { key: "sources", label: "Sources", cell: sourcesCell, csv: (f) => (f.sources ?? []).map(sourceName).join("; ") },
];

interface TableSpec {
  title: string;
  subtitle: string;
  route: string;
  columns: Column<Fact>[];
  pickers: [string, string][];
  load: (filters: Filters, after: string | null, signal: AbortSignal) => Promise<Page<Fact>>;
  extraFields: (filters: Filters, blocOptions: [string, string][]) => HTMLElement[];
  noun: [string, string];
}

export async function renderBans(route: Route, container: HTMLElement, signal: AbortSignal): Promise<void> {
  await renderTable(route, container, signal, {
    title: "Bans and restrictions",
    subtitle: "Who bans, blocks or puts export controls on whom. Filter by party, bloc or period; select a source to read the evidence.",
    route: "bans",
    columns: RESTRICTION_COLUMNS,
    pickers: [["actor", "Actor"], ["target", "Target"]],
    load: (f, after, s) => listBans(f, PAGE, after, s),
    extraFields: (f, blocs) => [field("Bloc", withName(select(blocs, f.bloc ?? ""), "bloc")), dateField("From", "from", f), dateField("To", "to", f)],
    noun: ["ban", "bans"],
  });
}

export async function renderFunding(route: Route, container: HTMLElement, signal: AbortSignal): Promise<void> {
  await renderTable(route, container, signal, {
    title: "Funding rounds",
    subtitle: "Money raised, by whom and from whom. Amounts are as reported; the minimum is in US dollars unless a currency is chosen.",
    route: "funding",
    columns: ROUND_COLUMNS,
    pickers: [["company", "Company"], ["investor", "Investor"]],
    load: (f, after, s) => listFunding(f, PAGE, after, s),
    extraFields: (f, blocs) => [
      field("Investor bloc", withName(select(blocs, f.investorBloc ?? ""), "investorBloc")),
      field("Min amount", withName(h("input", { type: "number", min: "0", step: "any", value: f.minAmount ?? "", placeholder: "e.g. 100000000" }), "minAmount")),
      field("Currency", withName(select([["", "Any"], ["USD", "USD"], ["EUR", "EUR"], ["GBP", "GBP"], ["CNY", "CNY"], ["JPY", "JPY"]], f.currency ?? ""), "currency")),
      dateField("From", "from", f),
      dateField("To", "to", f),
    ],
    noun: ["round", "rounds"],
  });
}

function withName<T extends HTMLElement>(el: T, name: string): T {
  el.setAttribute("name", name);
  return el;
}

function dateField(label: string, name: string, filters: Filters): HTMLElement {
  return field(label, withName(h("input", { type: "text", inputmode: "numeric", pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", placeholder: "YYYY-MM-DD", value: filters[name] ?? "" }), name));
}

async function renderTable(route: Route, container: HTMLElement, signal: AbortSignal, spec: TableSpec): Promise<void> {
  const filters: Filters = Object.fromEntries(route.params.entries());
  const blocOptions: [string, string][] = [["", "Any bloc"], ...(await listBlocs(signal).catch(() => [])).map((b): [string, string] => [b.id, b.name])];
  const pickers = new Map<string, EntityPicker>();
  for (const [key, label] of spec.pickers) pickers.set(key, entityPicker(label, () => form.requestSubmit()));
  const form: HTMLFormElement = h(
    "form",
    { class: "filters", aria: { label: "Filters" }, on: { submit: (e) => (e.preventDefault(), apply()) } },
    ...[...pickers.values()].map((p) => p.element),
    ...spec.extraFields(filters, blocOptions),
    h("div", { class: "filter-actions" }, h("button", { type: "submit", class: "btn btn-primary" }, "Apply"), h("a", { class: "btn", href: link([spec.route]) }, "Clear")),
  );
  form.querySelectorAll("select").forEach((el) => el.addEventListener("change", () => form.requestSubmit()));
  const apply = (): void => {
    const next: Record<string, string | null> = {};
    for (const [key, picker] of pickers) next[key] = picker.value();
    new FormData(form).forEach((value, key) => (next[key] = String(value).trim() || null));
    navigate(link([spec.route], next));
  };
  const table = new DataTable<Fact>(spec.columns, spec.title, ["date", "descending"]);
  const count = h("p", { class: "table-count", role: "status", aria: { live: "polite" } });
  const more = h("button", { type: "button", class: "btn", hidden: true }, "Load more");
  const area = h("div", { class: "table-area" }, loading(spec.noun[1]));
  const csv = downloadMenu(`Download the ${spec.noun[1]} shown`, [
    { label: "CSV", run: () => saveCsv(...table.csv(), fileName([spec.route, ...Object.entries(filters).map(([k, v]) => `${k}-${v}`)], "csv")) },
  ]);
  replace(
    container,
    pageHeader(spec.title, spec.subtitle),
    h("section", { class: "card" }, form),
    h("section", { class: "card table-card", aria: { label: spec.title } }, h("div", { class: "card-head" }, count, csv), area, h("div", { class: "more" }, more)),
  );
  await fillPickers(pickers, filters, signal);
  const rows: Fact[] = [];
  const load = async (after: string | null): Promise<void> => {
    try {
      const page = await spec.load(filters, after, signal);
      if (signal.aborted) return;
      rows.push(...page.items);
      table.setRows(rows, "No " + spec.noun[1] + " match these filters.");
      replace(area, table.element);
      count.textContent = `${plural(rows.length, spec.noun[0], spec.noun[1])}${page.hasNext ? " loaded, more available" : ""}`;
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
