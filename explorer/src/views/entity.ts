// The entity page: what it is, its facts with their sources, who it depends
// on by bloc, and tabs for its network and its timeline.

import { getEntityWithFacts } from "../data";
import { h, replace } from "../dom";
import { fileName, saveCsv, downloadMenu, saveExport } from "../download";
import type { Entity, Fact } from "../model";
import { entityLink, type Route } from "../router";
import { blocChip, empty, loading, typeBadge } from "../ui";
import { dependencyCard } from "./dependency";
import { factRows } from "./fact_rows";
import { factGroups } from "./facts";
import { renderGraphTab } from "./graph";
import { renderTimelineTab } from "./timeline";

const TABS: [string, string][] = [
  ["", "Overview"],
  ["graph", "Network"],
  ["timeline", "Timeline"],
];

export async function renderEntity(route: Route, container: HTMLElement, signal: AbortSignal): Promise<void> {
  const id = route.parts[1];
  const tab = route.parts[2] ?? "";
  if (!id) {
    replace(container, empty("No entity chosen", "Search for an entity in the box above."));
    return;
  }
  replace(container, loading("the entity"));
  const found = await getEntityWithFacts(id, signal);
  if (signal.aborted) return;
  if (!found) {
    replace(container, empty("Nothing found", `There is no entity with the id "${id}" in the graph.`, h("a", { href: "#/" }, "Back to the start")));
    return;
  }
  const { entity, facts } = found;
  const body = h("div", { class: "entity-body" });
  replace(container, entityHeader(entity, facts), tabs(entity.id, tab), body);
  if (tab === "graph") await renderGraphTab(entity, route, body, signal);
  else if (tab === "timeline") await renderTimelineTab(entity, body, signal);
  else overview(entity, facts, route, body, signal);
}

function entityHeader(entity: Entity, facts: Fact[]): HTMLElement {
  const sources = new Set(facts.flatMap((f) => (f.sources ?? []).map((s) => s.articleId)));
  return h(
    "header",
    { class: "entity-header" },
    h(
      "div",
      { class: "entity-title" },
      h("h1", {}, entity.name),
      h(
        "div",
        { class: "entity-facts" },
        typeBadge(entity.type),
        entity.country ? h("span", { class: "entity-country", title: "Country" }, entity.countryName ?? entity.country) : h("span", { class: "muted" }, "country unknown"),
        entity.bloc ? blocChip(entity.bloc, entity.blocName) : null,
        h("span", { class: "muted mono", title: "Entity id" }, entity.id),
      ),
      aliasLine(entity.aliases),
      entity.description ? h("p", { class: "entity-description" }, entity.description) : null,
    ),
    h(
      "dl",
      { class: "entity-stats" },
      stat(String(facts.length), "facts"),
      stat(String(sources.size), sources.size === 1 ? "source" : "sources"),
      stat(String(facts.filter((f) => f.conflict).length), "conflicts"),
    ),
  );
}

/**
 * Names first, then the descriptions articles used for it ("the French start-up"),
 * which are many and less telling, behind a disclosure button.
 */
function aliasLine(aliases: string[]): HTMLElement | null {
  if (!aliases.length) return null;
  const descriptive = (alias: string): boolean => /^(the|a|an|its|their)\s/i.test(alias) || /^[a-z]/.test(alias);
  const names = aliases.filter((a) => !descriptive(a));
  const descriptions = aliases.filter(descriptive);
  const line = h("p", { class: "entity-aliases" }, h("span", { class: "muted" }, names.length ? "Also known as " : "Described as "), (names.length ? names : descriptions).join(" · "));
  if (!names.length || !descriptions.length) return line;
  const more = h("span", { class: "alias-more", id: "alias-more", hidden: true }, ` · ${descriptions.join(" · ")}`);
  const toggle = h("button", { type: "button", class: "btn-link alias-toggle", aria: { expanded: "false", controls: "alias-more" } }, `+ ${descriptions.length} descriptions in articles`);
  toggle.addEventListener("click", () => {
    more.hidden = !more.hidden;
    toggle.setAttribute("aria-expanded", String(!more.hidden));
    toggle.textContent = more.hidden ? `+ ${descriptions.length} descriptions in articles` : "show fewer";
  });
  line.append(more, " ", toggle);
  return line;
}

function stat(value: string, label: string): HTMLElement {
  return h("div", { class: "stat" }, h("dt", {}, label), h("dd", {}, value));
}

function tabs(id: string, current: string): HTMLElement {
  return h(
    "nav",
    { class: "tabs", aria: { label: "Entity views" } },
    ...TABS.map(([key, label]) => {
      const anchor = h("a", { href: entityLink(id, key || undefined) }, label);
      if (key === current) anchor.setAttribute("aria-current", "page");
      return anchor;
    }),
  );
}

function overview(entity: Entity, facts: Fact[], route: Route, body: HTMLElement, signal: AbortSignal): void {
  const names = new Map<string, string>([[entity.id, entity.name]]);
  for (const fact of facts) for (const p of fact.participants) names.set(p.id, p.name);
  const dep = dependencyCard(entity, { asOf: route.params.get("asOf"), bloc: route.params.get("bloc"), names }, signal);
  const factsHead = h(
    "div",
    { class: "section-head" },
    h("h2", { class: "section-title" }, "Facts and their sources"),
    downloadMenu("Download these facts", [
      { label: "CSV", run: () => saveCsv(...factRows(facts), fileName([entity.id, "facts"], "csv")) },
      { label: "Turtle", run: () => saveExport("/export/ttl", { entity: entity.id, hops: 1 }, fileName([entity.id], "ttl")) },
      { label: "GraphML", run: () => saveExport("/export/graphml", { entity: entity.id, hops: 1 }, fileName([entity.id], "graphml")) },
    ]),
  );
  replace(
    body,
    h("div", { class: "entity-grid" }, h("div", { class: "entity-main" }, factsHead, factGroups(facts, entity.id, entity.name)), h("aside", { class: "entity-side" }, dep)),
  );
}
