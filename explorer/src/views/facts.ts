// Facts as readable lines: who did what to whom, with dates, amounts, the
// sources behind each and a flag where the sources disagree.

import { h, type Child } from "../dom";
import { date, factLabel, money, plural, sourceName } from "../format";
import type { Fact, Participant, Source } from "../model";
import { entityLink } from "../router";
import { factField, factType, factTypes } from "../schema_info";
import { renderTemplate, summaryShows } from "../summary";
import { openEvidence } from "./reader";

export function factGroups(facts: Fact[], focusId: string, focusName: string): HTMLElement {
  const byType = new Map<string, Fact[]>();
  for (const fact of facts) byType.set(fact.type, [...(byType.get(fact.type) ?? []), fact]);
  // The model's reading order; headline types are listed even when empty.
  const types = factTypes().filter((type) => type.headline || byType.has(type.code)).map((type) => type.code);
  for (const type of byType.keys()) if (!types.includes(type)) types.push(type);
  return h("div", { class: "fact-groups" }, ...types.map((type) => factGroup(type, byType.get(type) ?? [], focusId, focusName)));
}

function factGroup(type: string, facts: Fact[], focusId: string, focusName: string): HTMLElement {
  const id = `facts-${type.toLowerCase()}`;
  const sorted = [...facts].sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
  return h(
    "section",
    { class: "card fact-group", id: `group-${type.toLowerCase()}`, data: { type }, aria: { labelledby: id } },
    h("h2", { id, class: "card-title" }, factLabel(type, true), h("span", { class: "count" }, String(facts.length))),
    facts.length
      ? h("ol", { class: "fact-list" }, ...sorted.map((fact) => h("li", {}, factItem(fact, focusId))))
      : h("p", { class: "muted empty-line" }, `No ${factLabel(type, true).toLowerCase()} recorded for ${focusName}.`),
  );
}

/** How a fact shows its sources: listed, behind a disclosure button, or not at all. */
export type SourceMode = "inline" | "collapsed" | "none";

export function factItem(fact: Fact, focusId: string | null, sources: SourceMode = "inline", withDate = true, withKind = false): HTMLElement {
  return h(
    "article",
    { class: `fact${fact.conflict ? " fact-conflict" : ""}`, data: { key: fact.key, type: fact.type } },
    withKind ? h("p", { class: "fact-kind" }, factLabel(fact.type)) : null,
    h("p", { class: "fact-summary" }, ...factSummary(fact, focusId)),
    factMeta(fact, withDate),
    fact.sources && sources !== "none" ? sourceList(fact, sources === "collapsed") : null,
  );
}

function people(fact: Fact, field: string): Participant[] {
  return fact.participants.filter((p) => p.field === field);
}

/** A participant as a link to its page, or in bold when it is the page's entity. */
export function nameRef(p: Participant | null, focusId: string | null, fallback = "someone"): Child {
  if (!p) return h("span", { class: "muted" }, fallback);
  if (p.id === focusId) return h("strong", { class: "self" }, p.name);
  if (p.type === "Country") return h("span", { class: "country-name" }, p.name);
  return h("a", { href: entityLink(p.id), class: "entity-ref" }, p.name);
}

function list(items: Participant[], focusId: string | null): Child[] {
  const out: Child[] = [];
  items.forEach((p, index) => {
    if (index > 0) out.push(index === items.length - 1 ? " and " : ", ");
    out.push(nameRef(p, focusId));
    if (p.lead) out.push(h("span", { class: "lead-tag", title: "lead investor" }, " (lead)"));
  });
  return out;
}

/** The fact as a sentence, from its type's summary template in the model. */
export function factSummary(fact: Fact, focusId: string | null): Child[] {
  const template = factType(fact.type)?.summary;
  if (!template) return [factLabel(fact.type), ": ", ...list(fact.participants, focusId)];
  return renderTemplate<Child>(template, {
    value: (field) => fieldValue(fact, field, focusId),
    // A missing party reads as a muted placeholder; a missing value as plain words.
    literal: (text, fields) => (fields.length && fields.every((f) => isParticipant(fact, f)) ? nameRef(null, focusId, text) : text),
    missing: (fields) => (fields.some((f) => isParticipant(fact, f)) ? [nameRef(null, focusId)] : []),
    text: (text) => text,
  });
}

function isParticipant(fact: Fact, field: string): boolean {
  return factField(fact.type, field)?.participant ?? fact.participants.some((p) => p.field === field);
}

/** A field's value in a summary: its participants by name, or its attribute in words; null when empty. */
function fieldValue(fact: Fact, field: string, focusId: string | null): Child[] | null {
  const spec = factField(fact.type, field);
  if (isParticipant(fact, field)) {
    const found = people(fact, field);
    if (!found.length) return null;
    return spec && !spec.list ? [nameRef(found[0], focusId)] : list(found, focusId);
  }
  const value = fact.attributes[field];
  if (value === null || value === undefined || value === "") return null;
  return [attributeText(fact, spec?.type, value)];
}

function attributeText(fact: Fact, type: string | undefined, value: unknown): string {
  if (type === "amount") {
    const amount = typeof value === "number" ? value : Number(value);
    if (Number.isFinite(amount)) return money(amount, currencyOf(fact));
  }
  if (type === "date") return date(String(value));
  return String(value);
}

/** The fact's currency: the value of its type's currency field. */
function currencyOf(fact: Fact): string | null {
  const field = factType(fact.type)?.fields.find((f) => f.type === "currency");
  const value = field ? fact.attributes[field.name] : fact.currency;
  return value === null || value === undefined ? null : String(value);
}

function factMeta(fact: Fact, withDate: boolean): HTMLElement | null {
  const showDate = fact.date !== null || (withDate && factType(fact.type)?.dated === true) || fact.conflicts.includes("date");
  const chips: Child[] = showDate ? [chip("Date", date(fact.date), fact.conflicts.includes("date"))] : [];
  if (fact.amount !== null) chips.push(chip("Amount", money(fact.amount, fact.currency), fact.conflicts.includes("amount")));
  if (fact.valuation !== null) chips.push(chip("Valuation", money(fact.valuation, fact.currency), fact.conflicts.includes("valuation")));
  if (fact.round && !saysInSummary(fact, "round")) chips.push(chip("Round", fact.round, fact.conflicts.includes("round")));
  if (fact.program) chips.push(chip("Programme", fact.program, fact.conflicts.includes("program")));
  if (fact.conflict) {
    chips.push(
      h("span", { class: "chip chip-conflict", role: "note" }, `⚠ Sources disagree on ${fact.conflicts.join(", ") || "a value"}`),
    );
  }
  return chips.length ? h("div", { class: "fact-meta" }, ...chips) : null;
}

/** True when the fact's summary sentence already shows ``field`` (no chip repeats it). */
function saysInSummary(fact: Fact, field: string): boolean {
  const template = factType(fact.type)?.summary;
  return template ? summaryShows(template, field) : false;
}

function chip(label: string, value: string, disputed = false): HTMLElement {
  return h("span", { class: `chip${disputed ? " chip-conflict" : ""}` }, `${label} `, h("strong", {}, value));
}

let listCounter = 0;

/**
 * The sources of a fact: all of them when they disagree; otherwise the first
 * (or none, when ``collapsed``) with the rest behind a disclosure button.
 */
function sourceList(fact: Fact, collapsed: boolean): HTMLElement {
  const sources = fact.sources ?? [];
  const shown = fact.conflict ? sources.length : collapsed ? 0 : 1;
  const items = sources.map((source) => h("li", {}, sourceItem(fact, source)));
  const list = h("ol", { class: "source-list" }, ...items.slice(0, shown));
  const box = h("div", { class: "sources" }, collapsed ? null : h("h3", { class: "sources-title" }, plural(sources.length, "source")), list);
  const hidden = items.slice(shown);
  if (!hidden.length) return box;
  const rest = h("ol", { class: "source-list source-rest", id: `src-${++listCounter}`, hidden: true }, ...hidden);
  const what = shown ? plural(hidden.length, "more source") : plural(hidden.length, "source");
  const toggle = h("button", { type: "button", class: "btn-link sources-toggle", aria: { expanded: "false", controls: rest.id } }, `Show ${what}`);
  toggle.addEventListener("click", () => {
    rest.hidden = !rest.hidden;
    toggle.setAttribute("aria-expanded", String(!rest.hidden));
    toggle.textContent = rest.hidden ? `Show ${what}` : `Hide ${what}`;
  });
  box.append(rest, toggle);
  return box;
}

function sourceItem(fact: Fact, source: Source): HTMLElement {
  const disputed = fact.conflicts
    .filter((name) => source.values[name] !== undefined && source.values[name] !== null)
    .map((name) => `${name}: ${showValue(name, source.values[name], source.values.currency ?? fact.currency)}`);
  return h(
    "div",
    { class: "source" },
    h(
      "div",
      { class: "source-head" },
      h("span", { class: "source-name" }, sourceName(source)),
      h("span", { class: "source-date" }, source.published ? date(source.published) : "no date"),
      source.title ? h("span", { class: "source-title", title: source.title }, source.title) : null,
    ),
    source.evidence
      ? h(
          "button",
          {
            type: "button",
            class: "evidence",
            title: "Show this sentence in the article",
            aria: { label: `Evidence from ${sourceName(source)}: ${source.evidence}. Show it in the article.` },
            on: { click: (event) => openEvidence(source, event.currentTarget as HTMLElement) },
          },
          h("q", {}, source.evidence),
          h("span", { class: "evidence-open", aria: { hidden: "true" } }, "Show in article →"),
        )
      : null,
    disputed.length ? h("p", { class: "source-values" }, `This source says ${disputed.join("; ")}`) : null,
  );
}

function showValue(name: string, value: unknown, currency: unknown): string {
  if ((name === "amount" || name === "valuation") && typeof value === "number") {
    return money(value, typeof currency === "string" ? currency : null);
  }
  if (name === "date" && typeof value === "string") return date(value);
  return String(value);
}
