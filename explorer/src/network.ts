// The network canvas (cytoscape.js): entities as nodes filled by type and
// ringed by bloc, facts as labelled edges (or small nodes when a fact joins
// more than two parties). Used by the entity's Network tab and the path finder.
// How each fact type is drawn (direction, words, line style) is the model's
// display edge (schema_info.ts), so a new fact type needs no change here.

import cytoscape from "cytoscape";
import { blocColour, factLabel, money, TYPE_COLOURS } from "./format";
import type { Entity, Fact, Participant } from "./model";
import { factField, factType } from "./schema_info";

const MAX_FIT_ZOOM = 1.25;

export function nodeId(p: Pick<Participant, "id" | "type">): string {
  return p.type === "Country" ? `country:${p.id}` : p.id;
}

export interface NodeInfo {
  id: string;
  entityId: string | null;
  label: string;
  type: string;
  bloc: string | null;
  isFact: boolean;
}

/**
 * Cytoscape adds a <style> element unless one with this id exists; the CSP
 * forbids inline styles, so a placeholder stands in and explorer CSS carries
 * the one rule it wanted.
 */
function preventInlineStylesheet(): void {
  const id = "__________cytoscape_stylesheet";
  if (!document.getElementById(id)) document.head.appendChild(Object.assign(document.createElement("meta"), { id }));
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: "node",
    style: {
      "background-color": "data(colour)",
      "border-color": "data(ring)",
      "border-width": 4,
      width: 30,
      height: 30,
      label: "data(label)",
      "font-family": "system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, DejaVu Sans, sans-serif",
      "font-size": 13,
      "font-weight": 600,
      color: "#1b2230",
      "text-valign": "bottom",
      "text-margin-y": 5,
      "text-wrap": "wrap",
      "text-max-width": "112px",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
      "text-background-padding": "2px",
      "text-background-shape": "roundrectangle",
    },
  },
  { selector: "node[?center]", style: { width: 46, height: 46, "font-size": 14, "border-width": 6 } },
  { selector: "node[?expanded]", style: { "border-style": "double", "border-width": 6 } },
  {
    selector: "node[?isFact]",
    style: {
      shape: "round-rectangle",
      width: 16,
      height: 16,
      "border-width": 2,
      "border-color": "#8a96a8",
      "background-color": "#eef1f5",
      "font-size": 10,
      "font-weight": 500,
      color: "#4f5a6d",
    },
  },
  {
    selector: "edge",
    style: {
      width: 1.6,
      "line-color": "#a9b3c2",
      "target-arrow-color": "#a9b3c2",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.9,
      "curve-style": "bezier",
      label: "data(label)",
      "font-size": 10.5,
      color: "#4f5a6d",
      "text-rotation": "autorotate",
      "text-background-color": "#f8f9fb",
      "text-background-opacity": 1,
      "text-background-padding": "1px",
    },
  },
  // Display edges styled "restriction" in the model (restrictions).
  { selector: "edge.restriction", style: { "line-color": "#d1495b", "target-arrow-color": "#d1495b", color: "#a3303f", "line-style": "dashed" } },
  { selector: "edge[?undirected]", style: { "target-arrow-shape": "none" } },
  { selector: "edge[?conflict]", style: { "line-color": "#d9a21b", "target-arrow-color": "#d9a21b" } },
  { selector: ".path", style: { "line-color": "#2553c7", "target-arrow-color": "#2553c7", width: 4, "z-index": 10 } },
  { selector: "node.path", style: { "border-color": "#2553c7" } },
  { selector: ":selected", style: { "overlay-color": "#2553c7", "overlay-opacity": 0.14, "overlay-padding": 6 } },
  { selector: ".faded", style: { opacity: 0.25 } },
];

export class Network {
  readonly cy: cytoscape.Core;
  private readonly facts = new Map<string, Fact>();
  private readonly entities = new Map<string, Entity>();
  private center: string | null = null;

  constructor(container: HTMLElement) {
    preventInlineStylesheet();
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.2,
      maxZoom: 3,
      boxSelectionEnabled: false,
    });
  }

  /** Add entities and facts; returns the ids of nodes that were not there before. */
  add(entities: Entity[], facts: Fact[], centerId?: string): string[] {
    if (centerId && !this.center) this.center = centerId;
    const added: string[] = [];
    for (const entity of entities) {
      this.entities.set(entity.id, entity);
      if (this.cy.getElementById(entity.id).nonempty()) continue;
      this.cy.add({ group: "nodes", data: this.entityData(entity, entity.id === centerId) });
      added.push(entity.id);
    }
    for (const fact of facts) {
      if (this.facts.has(fact.key)) continue;
      this.facts.set(fact.key, fact);
      added.push(...this.addFact(fact));
    }
    return added;
  }

  /** A path drawn as a chain: each fact an edge between the two entities it links on the path. */
  addPath(path: { entities: Entity[]; facts: Fact[] }): void {
    this.add(path.entities, []);
    path.facts.forEach((fact, index) => {
      this.facts.set(fact.key, fact);
      const from = path.entities[index];
      const to = path.entities[index + 1];
      const id = `p:${fact.key}:${from?.id}:${to?.id}`;
      if (!from || !to || this.cy.getElementById(id).nonempty()) return;
      this.cy.add({ group: "edges", classes: edgeClasses(fact), data: { id, fact: fact.key, type: fact.type, conflict: fact.conflict, source: from.id, target: to.id, label: hubLabel(fact), undirected: true } });
    });
  }

  private entityData(entity: Entity, center: boolean): cytoscape.NodeDataDefinition {
    return {
      id: entity.id,
      entityId: entity.id,
      label: entity.name,
      type: entity.type,
      bloc: entity.bloc,
      colour: TYPE_COLOURS[entity.type] ?? "#8a96a8",
      ring: blocColour(entity.bloc),
      center,
    };
  }

  private ensureParticipant(p: Participant): string {
    const id = nodeId(p);
    if (this.cy.getElementById(id).empty()) {
      const known = this.entities.get(p.id);
      const entity: Entity = known ?? {
        id: p.id,
        name: p.name,
        type: p.type,
        aliases: [],
        country: p.type === "Country" ? p.id : null,
        countryName: null,
        bloc: null,
        blocName: null,
        description: null,
      };
      this.cy.add({ group: "nodes", data: { ...this.entityData(entity, false), id, entityId: p.type === "Country" ? null : p.id } });
    }
    return id;
  }

  private addFact(fact: Fact): string[] {
    const ends = uniqueParticipants(fact.participants);
    const ids = ends.map((p) => this.ensureParticipant(p));
    const common = { fact: fact.key, type: fact.type, conflict: fact.conflict };
    const classes = edgeClasses(fact);
    if (ids.length === 2) {
      const [from, to] = orient(fact, ends);
      this.cy.add({ group: "edges", classes, data: { ...common, id: `e:${fact.key}`, source: nodeId(from), target: nodeId(to), label: edgeLabel(fact) } });
      return [];
    }
    if (ids.length === 0) return [];
    const hub = `f:${fact.key}`;
    this.cy.add({ group: "nodes", data: { ...common, id: hub, label: hubLabel(fact), isFact: true } });
    const edge = factType(fact.type)?.edge;
    ends.forEach((p, index) => {
      const outward = p.field !== edge?.source;
      const [source, target] = outward ? [hub, ids[index]] : [ids[index], hub];
      // A party that is neither end of the model's edge (what a restriction is about, say) is named on its line.
      const label = edge && p.field !== edge.source && p.field !== edge.target ? p.field : "";
      this.cy.add({ group: "edges", classes, data: { ...common, id: `e:${fact.key}:${index}`, source, target, label } });
    });
    return [hub];
  }

  info(id: string): NodeInfo | null {
    const node = this.cy.getElementById(id);
    if (node.empty()) return null;
    return {
      id,
      entityId: node.data("entityId") ?? null,
      label: node.data("label"),
      type: node.data("type"),
      bloc: node.data("bloc") ?? null,
      isFact: Boolean(node.data("isFact")),
    };
  }

  fact(key: string): Fact | undefined {
    return this.facts.get(key);
  }

  entity(id: string): Entity | undefined {
    return this.entities.get(id);
  }

  allFacts(): Fact[] {
    return [...this.facts.values()];
  }

  allEntities(): Entity[] {
    return this.cy
      .nodes()
      .filter((n) => !n.data("isFact"))
      .map((n) => this.entities.get(n.id()) ?? { id: n.id(), name: n.data("label"), type: n.data("type"), aliases: [], country: null, countryName: null, bloc: n.data("bloc") ?? null, blocName: null, description: null });
  }

  expandedIds(): string[] {
    return this.cy.nodes("[?expanded]").map((node) => node.data("entityId") as string).filter(Boolean);
  }

  markExpanded(id: string): void {
    this.cy.getElementById(id).data("expanded", true);
  }

  /**
   * Rings around the centre by distance (the entity, then what one fact away,
   * then further), which keeps labels apart better than a force layout at
   * these sizes; without a centre, a left-to-right tree from ``root``.
   */
  layout(fit = true, root?: string): Promise<void> {
    const center = this.center && this.cy.getElementById(this.center).nonempty() ? this.center : null;
    const options = center ? this.ringOptions(center, fit) : this.treeOptions(root, fit);
    const layout = this.cy.layout(options);
    const done = layout.promiseOn("layoutstop").then(() => {
      // A small graph fitted to a large canvas would be drawn huge.
      if (fit && this.cy.zoom() > MAX_FIT_ZOOM) {
        this.cy.zoom(MAX_FIT_ZOOM);
        this.cy.center();
      }
    });
    layout.run();
    return done;
  }

  private ringOptions(center: string, fit: boolean): cytoscape.LayoutOptions {
    const distances = this.cy.elements().dijkstra({ root: this.cy.getElementById(center), directed: false });
    const level = (node: cytoscape.NodeSingular): number => {
      const d = distances.distanceTo(node);
      return Number.isFinite(d) ? d : 99;
    };
    return {
      name: "concentric",
      fit,
      padding: 36,
      animate: false,
      startAngle: (3 / 2) * Math.PI,
      minNodeSpacing: 6,
      nodeDimensionsIncludeLabels: true,
      avoidOverlap: true,
      concentric: (node: cytoscape.NodeSingular) => 100 - level(node),
      levelWidth: () => 1,
    } as cytoscape.LayoutOptions;
  }

  private treeOptions(root: string | undefined, fit: boolean): cytoscape.LayoutOptions {
    return {
      name: "breadthfirst",
      fit,
      padding: 36,
      animate: false,
      directed: false,
      roots: root ? [root] : undefined,
      spacingFactor: 1.1,
      nodeDimensionsIncludeLabels: false,
      avoidOverlap: true,
      // breadthfirst grows downwards; swapping the axes reads left to right.
      transform: (_node: cytoscape.NodeSingular, position: cytoscape.Position) => ({ x: position.y * 3.2, y: position.x * 0.55 }),
    } as cytoscape.LayoutOptions;
  }

  highlight(ids: Set<string>): void {
    this.cy.elements().removeClass("path faded");
    if (!ids.size) return;
    this.cy.elements().forEach((el) => {
      el.addClass(ids.has(el.id()) ? "path" : "faded");
    });
  }

  png(): Blob {
    return this.cy.png({ output: "blob", bg: "#ffffff", full: true, scale: 2 });
  }

  destroy(): void {
    this.cy.destroy();
  }
}

function uniqueParticipants(participants: Participant[]): Participant[] {
  const seen = new Map<string, Participant>();
  for (const p of participants) {
    const id = nodeId(p);
    const existing = seen.get(id);
    if (!existing || (p.lead && !existing.lead)) seen.set(id, p);
  }
  return [...seen.values()];
}

/** The two ends in the model edge's direction: from its source field to its target. */
function orient(fact: Fact, ends: Participant[]): [Participant, Participant] {
  const fromField = factType(fact.type)?.edge?.source;
  const [a, b] = ends;
  return a.field === fromField ? [a, b] : b.field === fromField ? [b, a] : [a, b];
}

/** The edge's words from the model; a label naming a field of the fact shows its value (a role's title). */
function edgeLabel(fact: Fact): string {
  const edge = factType(fact.type)?.edge;
  const named = edge && factField(fact.type, edge.label) ? fact.attributes[edge.label] : null;
  const word = named !== null && named !== undefined && named !== "" ? String(named) : edge?.label ?? factLabel(fact.type).toLowerCase();
  const year = fact.date ? ` ${fact.date.slice(0, 4)}` : "";
  const amount = fact.amount !== null ? ` ${money(fact.amount, fact.currency)}` : "";
  return `${word}${amount}${year}`;
}

/** Style classes of a fact's lines: the model edge's style ("restriction"), if any. */
function edgeClasses(fact: Fact): string[] {
  const style = factType(fact.type)?.edge?.style;
  return style && /^[a-z][a-z0-9-]*$/i.test(style) ? [style] : [];
}

function hubLabel(fact: Fact): string {
  const parts = [factLabel(fact.type), fact.amount !== null ? money(fact.amount, fact.currency) : null, fact.date?.slice(0, 4)];
  return parts.filter(Boolean).join(" · ");
}
