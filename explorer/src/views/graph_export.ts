// The network on screen as RDF (Turtle) and GraphML, built from exactly the
// nodes and facts drawn, so an expanded graph downloads as it is seen. Every
// value is escaped for its format.

import type { Entity, Fact } from "../model";

const BASE = "https://blocgraph.org/";

function turtleString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}"`;
}

/** A local name safe in a Turtle IRI: anything outside [A-Za-z0-9_-] percent-encoded. */
function iriPart(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*~.]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function entityIri(id: string, type: string): string {
  return type === "Country" ? `<${BASE}country/${iriPart(id)}>` : `<${BASE}entity/${iriPart(id)}>`;
}

export function turtle(entities: Entity[], facts: Fact[]): string {
  const lines = [`@prefix bg: <${BASE}ontology#> .`, `@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .`, `@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .`, ""];
  for (const e of entities) {
    const props = [`a bg:${e.type}`, `rdfs:label ${turtleString(e.name)}`];
    if (e.country) props.push(`bg:country ${turtleString(e.country)}`);
    if (e.bloc) props.push(`bg:bloc ${turtleString(e.bloc)}`);
    for (const alias of e.aliases) props.push(`bg:alias ${turtleString(alias)}`);
    lines.push(`${entityIri(e.id, e.type)} ${props.join(" ;\n    ")} .`, "");
  }
  for (const f of facts) {
    const props = [`a bg:Fact`, `bg:type ${turtleString(f.type)}`];
    if (f.date) props.push(`bg:date ${turtleString(f.date)}`);
    if (f.amount !== null) props.push(`bg:amount "${f.amount}"^^xsd:decimal`);
    if (f.currency) props.push(`bg:currency ${turtleString(f.currency)}`);
    if (f.valuation !== null) props.push(`bg:valuation "${f.valuation}"^^xsd:decimal`);
    if (f.round) props.push(`bg:round ${turtleString(f.round)}`);
    if (f.role) props.push(`bg:role ${turtleString(f.role)}`);
    if (f.conflict) props.push(`bg:conflict true`);
    for (const p of f.participants) props.push(`bg:${p.field.replace(/[^A-Za-z0-9_]/g, "_")} ${entityIri(p.id, p.type)}`);
    for (const s of f.sources ?? []) props.push(`bg:source <${BASE}article/${iriPart(s.articleId)}>`);
    lines.push(`<${BASE}fact/${iriPart(f.key)}> ${props.join(" ;\n    ")} .`, "");
  }
  return lines.join("\n");
}

function xml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const KEYS: [string, string, string][] = [
  ["label", "node", "string"],
  ["type", "all", "string"],
  ["country", "node", "string"],
  ["bloc", "node", "string"],
  ["fact", "edge", "string"],
  ["date", "edge", "string"],
  ["amount", "edge", "double"],
  ["currency", "edge", "string"],
  ["role", "edge", "string"],
];

/** Facts become edges between each pair of their participants (first field to the others). */
export function graphMl(entities: Entity[], facts: Fact[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'];
  for (const [name, domain, type] of KEYS) out.push(`  <key id="${name}" for="${domain}" attr.name="${name}" attr.type="${type}"/>`);
  out.push('  <graph id="blocgraph" edgedefault="directed">');
  const ids = new Set<string>();
  const node = (id: string, data: Record<string, string | null>): void => {
    if (ids.has(id)) return;
    ids.add(id);
    out.push(`    <node id="${xml(id)}">${dataTags(data)}</node>`);
  };
  for (const e of entities) node(e.type === "Country" ? `country:${e.id}` : e.id, { label: e.name, type: e.type, country: e.country, bloc: e.bloc });
  let count = 0;
  for (const f of facts) {
    const ends = f.participants.map((p) => ({ id: p.type === "Country" ? `country:${p.id}` : p.id, p }));
    ends.forEach(({ id, p }) => node(id, { label: p.name, type: p.type, country: null, bloc: null }));
    const [first, ...rest] = ends;
    for (const other of rest) {
      if (!first || other.id === first.id) continue;
      const data = { type: f.type, fact: f.key, date: f.date, amount: f.amount === null ? null : String(f.amount), currency: f.currency, role: f.role };
      out.push(`    <edge id="e${count++}" source="${xml(first.id)}" target="${xml(other.id)}">${dataTags(data)}</edge>`);
    }
  }
  out.push("  </graph>", "</graphml>", "");
  return out.join("\n");
}

function dataTags(data: Record<string, string | null>): string {
  return Object.entries(data)
    .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== undefined)
    .map(([key, value]) => `<data key="${key}">${xml(value)}</data>`)
    .join("");
}
