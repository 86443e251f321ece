// Facts as readable lines: who did what to whom, with dates, amounts, the
// sources behind each and a flag where the sources disagree.

import { h, type Child } from "../dom";
import { date, factLabel, FACT_ORDER, money, plural } from "../format";
import type { Fact, Participant, Source } from "../model";
import { entityLink } from "../router";
import { openEvidence } from "./reader";

/** Fact types that carry a date in the model; the others never say "undated". */
const DATED_TYPES = new Set(["BAN", "FUNDING_ROUND", "INVESTMENT", "GOVERNMENT_FUNDING"]);

/** Fact types always listed on an entity page, even when it has none of them. */
const HEADLINE_TYPES = ["BAN", "FUNDING_ROUND", "INVESTMENT"];

export function factGroups(facts: Fact[], focusId: string, focusName: string): HTMLElement {
  const byType = new Map<string, Fact[]>();
  for (const fact of facts) byType.set(fact.type, [...(byType.get(fact.type) ?? []), fact]);
  const types = FACT_ORDER.filter((type) => HEADLINE_TYPES.includes(type) || byType.has(type));
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

function one(fact: Fact, field: string): Participant | null {
  return people(fact, field)[0] ?? null;
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

export function factSummary(fact: Fact, focusId: string | null): Child[] {
  const ref = (field: string, fallback?: string): Child => nameRef(one(fact, field), focusId, fallback);
  switch (fact.type) {
    case "BAN": {
      const subject = one(fact, "subject");
      return [ref("actor"), " restricts ", ref("target", "an unnamed target"), ...(subject ? [" — ", nameRef(subject, focusId)] : [])];
    }
    case "FUNDING_ROUND": {
      const investors = people(fact, "investors");
      return [
        ref("company"),
        ` raised ${fact.amount !== null ? money(fact.amount, fact.currency) : "an undisclosed amount"}`,
        fact.round ? ` in a ${fact.round}` : "",
        ...(investors.length ? [" from ", ...list(investors, focusId)] : []),
      ];
    }
    case "INVESTMENT":
      return [ref("investor"), " invested in ", ref("company")];
    case "HEADQUARTERS":
      return [ref("org"), " is based in ", ref("country", "an unnamed country")];
    case "ROLE":
      return [ref("person"), `, ${fact.role ?? "role"} at `, ref("org")];
    case "DEVELOPS":
      return [ref("org"), " develops ", ref("model")];
    case "OWNERSHIP":
      return [ref("owner"), " owns ", ref("owned")];
    case "GOVERNMENT_FUNDING": {
      const recipient = one(fact, "recipient");
      return [ref("funder"), " funds ", recipient ? nameRef(recipient, focusId) : fact.program ?? "a programme"];
    }
    default:
      return [factLabel(fact.type), ": ", ...list(fact.participants, focusId)];
  }
}

function factMeta(fact: Fact, withDate: boolean): HTMLElement | null {
  const showDate = fact.date !== null || (withDate && DATED_TYPES.has(fact.type)) || fact.conflicts.includes("date");
  const chips: Child[] = showDate ? [chip("Date", date(fact.date), fact.conflicts.includes("date"))] : [];
  if (fact.amount !== null) chips.push(chip("Amount", money(fact.amount, fact.currency), fact.conflicts.includes("amount")));
  if (fact.valuation !== null) chips.push(chip("Valuation", money(fact.valuation, fact.currency), fact.conflicts.includes("valuation")));
  if (fact.round && fact.type !== "FUNDING_ROUND") chips.push(chip("Round", fact.round, fact.conflicts.includes("round")));
  if (fact.program) chips.push(chip("Programme", fact.program, fact.conflicts.includes("program")));
  if (fact.conflict) {
    chips.push(
      h("span", { class: "chip chip-conflict", role: "note" }, `⚠ Sources disagree on ${fact.conflicts.join(", ") || "a value"}`),
    );
  }
  return chips.length ? h("div", { class: "fact-meta" }, ...chips) : null;
}

function chip(label: string, value: string, disputed = false): HTMLElement {
  return h("span", { class: `chip${disputed ? " chip-conflict" : ""}` }, `${label} `, h("strong", {}, value));
}

/** Where a source came from, in words: the outlet, else the file or host it was read from. */
export function sourceName(source: Source): string {
  if (source.outlet) return source.outlet;
  if (source.articleId === "reference") return "BlocGraph reference data";
  const raw = source.url || source.source || source.articleId;
  try {
    if (/^https?:/i.test(raw)) return new URL(raw).hostname.replace(/^www\./, "");
  } catch {
    /* not a URL: a file path */
  }
  return raw.split(/[\\/]/).pop() || raw;
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
