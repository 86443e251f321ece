// The path finder page: the shortest chains of facts between two entities,
// drawn as a network and listed step by step.

import { findPaths, getEntity } from "../data";
import { h, replace, type Child } from "../dom";
import { fileName, downloadMenu, saveBlob, saveCsv } from "../download";
import { factLabel, money, date, plural } from "../format";
import type { Fact, Path } from "../model";
import type { Network } from "../network";
import { entityLink, link, navigate, type Route } from "../router";
import { entityPicker } from "../search";
import { empty, failure, field, loading, pageHeader, select } from "../ui";
import { factRows } from "./fact_rows";

export async function renderPaths(route: Route, container: HTMLElement, signal: AbortSignal): Promise<void> {
  const from = route.params.get("from");
  const to = route.params.get("to");
  const maxHops = route.params.get("maxHops") ?? "4";
  let chosenFrom = from;
  let chosenTo = to;
  const fromPicker = entityPicker("From", (id) => (chosenFrom = id));
  const toPicker = entityPicker("To", (id) => (chosenTo = id));
  const hops = select([["2", "2"], ["3", "3"], ["4", "4"], ["5", "5"], ["6", "6"]], maxHops);
  const results = h("div", { class: "paths-results" });
  const form = h(
    "form",
    {
      class: "card filters pf-page",
      on: {
        submit: (event) => {
          event.preventDefault();
          if (chosenFrom && chosenTo) navigate(link(["paths"], { from: chosenFrom, to: chosenTo, maxHops: hops.value }));
          else replace(results, empty("Pick two entities", "Choose where the path starts and where it ends."));
        },
      },
    },
    fromPicker.element,
    toPicker.element,
    field("Max hops", hops),
    h("button", { type: "submit", class: "btn btn-primary" }, "Find paths"),
  );
  replace(container, pageHeader("Path finder", "How two entities are connected: the shortest chains of facts between them, each fact with its sources."), form, results);
  if (!from || !to) {
    replace(results, empty("Pick two entities", "For example Mistral AI and the United States."));
    return;
  }
  replace(results, loading("paths"));
  const [a, b] = await Promise.all([getEntity(from, signal), getEntity(to, signal)]);
  fromPicker.set(from, a?.name);
  toPicker.set(to, b?.name);
  try {
    const paths = await findPaths(from, to, Number(maxHops), signal);
    if (signal.aborted) return;
    await showResults(results, paths, a?.name ?? from, b?.name ?? to);
  } catch (error) {
    if (!signal.aborted) replace(results, failure(error));
  }
}

async function showResults(results: HTMLElement, paths: Path[], fromName: string, toName: string): Promise<void> {
  if (!paths.length) {
    replace(results, empty("No path found", `No chain of facts within that many hops connects ${fromName} and ${toName}. Try more hops.`));
    return;
  }
  const canvas = h("div", { class: "graph-canvas graph-canvas-short", role: "img", aria: { label: `Paths from ${fromName} to ${toName}` } });
  const facts = uniqueFacts(paths);
  const card = h(
    "section",
    { class: "card" },
    h("div", { class: "card-head" }, h("h2", { class: "card-title" }, `${plural(paths.length, "path")} from ${fromName} to ${toName}`), downloads(() => network, facts, fromName, toName)),
    canvas,
  );
  replace(results, card, h("section", { class: "card" }, h("h2", { class: "card-title" }, "Step by step"), h("ol", { class: "path-list" }, ...paths.map((p) => h("li", {}, pathChain(p))))));
  const { Network: NetworkView } = await import("../network");
  const network = new NetworkView(canvas);
  for (const path of paths) network.addPath(path);
  void network.layout(true, paths[0].entities[0]?.id);
}

function uniqueFacts(paths: Path[]): Fact[] {
  const seen = new Map<string, Fact>();
  for (const path of paths) for (const fact of path.facts) seen.set(fact.key, fact);
  return [...seen.values()];
}

function downloads(network: () => Network, facts: Fact[], fromName: string, toName: string): HTMLElement {
  const stem = ["paths", fromName, toName];
  return downloadMenu("Download these paths", [
    { label: "PNG", run: () => saveBlob(network().png(), fileName(stem, "png")) },
    { label: "CSV", run: () => saveCsv(...factRows(facts), fileName(stem, "csv")) },
  ]);
}

/** A path as entity → fact → entity chips, each entity a link and each fact described. */
export function pathChain(path: Path): HTMLElement {
  const parts: Child[] = [];
  path.entities.forEach((entity, index) => {
    parts.push(h("a", { class: "node", href: entityLink(entity.id) }, entity.name));
    const fact = path.facts[index];
    if (fact) parts.push(h("span", { class: "step" }, h("span", { class: "step-label" }, stepText(fact)), h("span", { class: "step-arrow", aria: { hidden: "true" } }, "—")));
  });
  return h("div", { class: "path-chain" }, ...parts);
}

function stepText(fact: Fact): string {
  return [factLabel(fact.type), fact.role, fact.amount !== null ? money(fact.amount, fact.currency) : null, fact.date ? date(fact.date) : null].filter(Boolean).join(" · ");
}
