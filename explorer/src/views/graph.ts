// The entity's Network tab: its neighbourhood as a graph, expanded by
// clicking nodes, with a details panel, a legend, downloads and a path finder.

import { findPaths, getNeighbourhood } from "../data";
import { h, replace, announce } from "../dom";
import { fileName, saveBlob, saveCsv, downloadMenu } from "../download";
import { blocColour, factLabel, plural, TYPE_COLOURS, typeLabel } from "../format";
import type { Entity, Path } from "../model";
import type { Network } from "../network";
import { entityLink, navigate, type Route } from "../router";
import { factTypes } from "../schema_info";
import { entityPicker } from "../search";
import { empty, failure, field, loading, select } from "../ui";
import { factRows } from "./fact_rows";
import { factItem } from "./facts";
import { mergedGraphMl, mergedTurtle, type ExportScope } from "./graph_export";
import { pathChain } from "./paths";

export async function renderGraphTab(entity: Entity, route: Route, body: HTMLElement, signal: AbortSignal): Promise<void> {
  const hops = Number(route.params.get("hops") ?? "1") || 1;
  const canvas = h("div", { class: "graph-canvas", role: "img", aria: { label: `Network around ${entity.name}`, describedby: "graph-help" } });
  const status = h("p", { class: "graph-status", role: "status", aria: { live: "polite" } });
  const details = h("div", { class: "graph-details" }, h("p", { class: "muted" }, "Select a node to see what it is. Clicking a node also adds its neighbours."));
  const hopSelect = select([["1", "1 hop"], ["2", "2 hops"], ["3", "3 hops"]], String(hops));
  const toolbar = h("div", { class: "graph-toolbar" }, field("Depth", hopSelect));
  const pathsBox = h("div", { class: "graph-paths" });
  replace(
    body,
    h(
      "div",
      { class: "graph-layout" },
      h("section", { class: "card graph-card", aria: { label: "Network" } }, toolbar, h("div", { class: "graph-stage" }, canvas, status), h("p", { id: "graph-help", class: "muted graph-help" }, "Drag to move, scroll to zoom, click a node to expand it. The Nodes list beside the graph reaches every node by keyboard.")),
      h("aside", { class: "graph-side" }, h("section", { class: "card", aria: { labelledby: "sel-title" } }, h("h2", { id: "sel-title", class: "card-title" }, "Selection"), details), legendCard(), pathsBox),
    ),
  );
  status.replaceChildren(loading("the neighbourhood"));
  let network: Network;
  try {
    const sub = await getNeighbourhood(entity.id, hops, signal);
    if (signal.aborted) return;
    const { Network: NetworkView } = await import("../network"); // cytoscape loads with the first graph
    network = new NetworkView(canvas);
    network.add([sub.center, ...sub.entities], sub.facts, entity.id);
    network.markExpanded(entity.id);
    await network.layout();
    status.textContent = summary(network, sub.truncated);
    if (sub.facts.length === 0) status.replaceChildren(empty("No connections", `${entity.name} has no facts linking it to other entities yet.`));
  } catch (error) {
    if (!signal.aborted) status.replaceChildren(failure(error));
    return;
  }
  signal.addEventListener("abort", () => network.destroy());
  hopSelect.addEventListener("change", () => navigate(entityLink(entity.id, "graph", { hops: hopSelect.value })));
  toolbar.append(graphDownloads(network, entity, hops), h("button", { type: "button", class: "btn btn-small", on: { click: () => network.cy.fit(undefined, 40) } }, "Fit to view"));
  const nodeList = h("ul", { class: "node-list", aria: { label: "Nodes in the graph" } });
  const refreshList = (): void => replace(nodeList, ...network.allEntities().sort((a, b) => a.name.localeCompare(b.name)).map((e) => nodeButton(e, () => void expand(e.id))));
  const expand = async (id: string): Promise<void> => {
    const info = network.info(id);
    showDetails(details, network, id, () => void expand(id));
    if (!info?.entityId || network.cy.getElementById(id).data("expanded")) return;
    status.textContent = `Expanding ${info.label}…`;
    try {
      const sub = await getNeighbourhood(info.entityId, 1, signal);
      const added = network.add(sub.entities, sub.facts);
      network.markExpanded(id);
      await network.layout(true);
      showDetails(details, network, id, () => void expand(id));
      status.textContent = `${info.label}: ${plural(added.length, "new node")}. ${summary(network, sub.truncated)}`;
      announce(status.textContent);
      refreshList();
    } catch (error) {
      status.replaceChildren(failure(error));
    }
  };
  network.cy.on("tap", "node", (event) => void expand(event.target.id()));
  network.cy.on("tap", "edge", (event) => showFact(details, network, event.target.data("fact")));
  refreshList();
  body.querySelector(".graph-side")?.append(h("section", { class: "card", aria: { labelledby: "nodes-title" } }, h("h2", { id: "nodes-title", class: "card-title" }, "Nodes"), nodeList));
  replace(pathsBox, pathFinder(entity, network, signal));
}

function summary(network: Network, truncated: boolean): string {
  const entities = network.allEntities().length;
  const facts = network.allFacts().length;
  return `${plural(entities, "entity", "entities")}, ${plural(facts, "fact")}${truncated ? " (limit reached: not every fact is shown)" : ""}.`;
}

function nodeButton(entity: Entity, onExpand: () => void): HTMLElement {
  const dot = h("span", { class: "legend-dot" });
  dot.style.background = TYPE_COLOURS[entity.type] ?? "#8a96a8";
  return h("li", {}, h("button", { type: "button", class: "node-btn", data: { node: entity.id }, on: { click: onExpand } }, dot, entity.name, h("span", { class: "muted" }, ` ${typeLabel(entity.type)}`)));
}

function showDetails(details: HTMLElement, network: Network, id: string, onExpand: () => void): void {
  const info = network.info(id);
  if (!info) return;
  if (info.isFact) {
    showFact(details, network, network.cy.getElementById(id).data("fact"));
    return;
  }
  const entity = info.entityId ? network.entity(info.entityId) : undefined;
  const degree = network.cy.getElementById(id).connectedEdges().length;
  replace(
    details,
    h("p", { class: "sel-name" }, info.label),
    h("p", { class: "muted" }, `${typeLabel(info.type)}${entity?.countryName ? ` · ${entity.countryName}` : entity?.country ? ` · ${entity.country}` : ""}${entity?.blocName ? ` · ${entity.blocName} bloc` : ""}`),
    h("p", {}, plural(degree, "connection")),
    info.entityId
      ? h("div", { class: "sel-actions" }, h("a", { class: "btn btn-small", href: entityLink(info.entityId) }, "Open entity page"), network.cy.getElementById(id).data("expanded") ? h("span", { class: "muted" }, "expanded") : h("button", { type: "button", class: "btn btn-small", on: { click: onExpand } }, "Expand"))
      : null,
  );
}

function showFact(details: HTMLElement, network: Network, key: string): void {
  const fact = network.fact(key);
  if (!fact) return;
  replace(details, h("p", { class: "sel-name" }, factLabel(fact.type)), factItem(fact, null, "collapsed"));
}

function legendCard(): HTMLElement {
  const types = Object.entries(TYPE_COLOURS).filter(([type]) => type !== "Country");
  const blocs: [string, string][] = [["us", "US"], ["china", "China"], ["eu", "EU"], ["uk", "UK"], ["other", "Other"]];
  return h(
    "section",
    { class: "card legend-card", aria: { labelledby: "legend-title" } },
    h("h2", { id: "legend-title", class: "card-title" }, "Legend"),
    h("p", { class: "legend-caption" }, "Fill: type"),
    h("div", { class: "legend" }, ...types.map(([type, colour]) => {
      const dot = h("span", { class: "legend-dot" });
      dot.style.background = colour;
      return h("span", { class: "legend-item" }, dot, typeLabel(type));
    })),
    h("p", { class: "legend-caption" }, "Ring: bloc"),
    h("div", { class: "legend" }, ...blocs.map(([bloc, name]) => {
      const ring = h("span", { class: "legend-ring" });
      ring.style.borderColor = blocColour(bloc);
      return h("span", { class: "legend-item" }, ring, name);
    })),
    h("p", { class: "legend-caption" }, `Lines: red dashed = ${restrictionWords()}, amber = sources disagree`),
  );
}

/** The fact types the model draws as restrictions (red dashed), in words (their titles, lower case). */
function restrictionWords(): string {
  const titles = factTypes().filter((type) => type.edge?.style === "restriction").map((type) => type.title.toLowerCase());
  return titles.length ? titles.join(", ") : "restriction";
}

function graphDownloads(network: Network, entity: Entity, hops: number): HTMLElement {
  const stem = [entity.id, "network"];
  const scopes = (): ExportScope[] => [
    { entity: entity.id, hops },
    ...network.expandedIds().filter((id) => id !== entity.id).map((id) => ({ entity: id, hops: 1 })),
  ];
  return downloadMenu("Download the network on screen", [
    { label: "PNG", run: () => saveBlob(network.png(), fileName(stem, "png")) },
    { label: "CSV", run: () => saveCsv(...factRows(network.allFacts()), fileName(stem, "csv")) },
    { label: "Turtle", run: async () => saveBlob(await mergedTurtle(scopes()), fileName(stem, "ttl")) },
    { label: "GraphML", run: async () => saveBlob(await mergedGraphMl(scopes()), fileName(stem, "graphml")) },
  ]);
}

function pathFinder(entity: Entity, network: Network, signal: AbortSignal): HTMLElement {
  const results = h("div", { class: "path-results" });
  let target: string | null = null;
  const picker = entityPicker("To entity", (id) => (target = id));
  const hopSelect = select([["2", "2"], ["3", "3"], ["4", "4"], ["5", "5"]], "4");
  const run = async (): Promise<void> => {
    if (!target) {
      replace(results, h("p", { class: "muted" }, "Pick an entity to connect to."));
      return;
    }
    replace(results, loading("paths"));
    try {
      const paths = await findPaths(entity.id, target, Number(hopSelect.value), signal);
      showPaths(results, paths, network);
    } catch (error) {
      replace(results, failure(error));
    }
  };
  return h(
    "section",
    { class: "card", aria: { labelledby: "pf-title" } },
    h("h2", { id: "pf-title", class: "card-title" }, "Path finder"),
    h("p", { class: "card-caption" }, `Shortest chains of facts from ${entity.name} to another entity.`),
    h("form", { class: "pf-form", on: { submit: (e) => (e.preventDefault(), void run()) } }, picker.element, field("Max hops", hopSelect), h("button", { type: "submit", class: "btn btn-primary" }, "Find paths")),
    results,
  );
}

function showPaths(results: HTMLElement, paths: Path[], network: Network): void {
  if (!paths.length) {
    replace(results, empty("No path found", "No chain of facts within that many hops connects the two."));
    network.highlight(new Set());
    return;
  }
  const ids = new Set<string>();
  for (const path of paths) {
    network.add(path.entities, path.facts);
    path.entities.forEach((e) => ids.add(e.id));
    path.facts.forEach((f) => {
      ids.add(`e:${f.key}`);
      ids.add(`f:${f.key}`);
      network.cy.edges().filter((edge) => edge.data("fact") === f.key).forEach((edge) => {
        ids.add(edge.id());
      });
    });
  }
  void network.layout().then(() => network.highlight(ids));
  replace(results, h("p", { class: "muted" }, `${plural(paths.length, "path")} found, highlighted in the graph.`), h("ol", { class: "path-list" }, ...paths.map((p) => h("li", {}, pathChain(p)))));
}
