// The network on screen as RDF (Turtle) or GraphML, in the API's own
// vocabulary: the view is the neighbourhood of its centre plus one hop around
// each expanded node, so it is the union of those exports from /export.

import { fetchExport } from "../download";

export interface ExportScope {
  entity: string;
  hops: number;
}

/** Turtle documents may be concatenated: prefixes may be declared again. */
export async function mergedTurtle(scopes: ExportScope[]): Promise<Blob> {
  const parts = await Promise.all(scopes.map((s) => fetchExport("/export/ttl", { entity: s.entity, hops: s.hops })));
  const texts = await Promise.all(parts.map((blob) => blob.text()));
  return new Blob([texts.join("\n")], { type: "text/turtle" });
}

const GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns";

/**
 * One GraphML document: the first export's keys and nodes, the keys and nodes
 * the others add, and every distinct edge (by its ends and data; each export
 * numbers its edges from 1, so edges are renumbered).
 */
export async function mergedGraphMl(scopes: ExportScope[]): Promise<Blob> {
  const parts = await Promise.all(scopes.map((s) => fetchExport("/export/graphml", { entity: s.entity, hops: s.hops })));
  const docs = await Promise.all(parts.map(async (blob) => parseXml(await blob.text())));
  const base = docs[0];
  const graph = base.getElementsByTagNameNS(GRAPHML_NS, "graph")[0];
  const root = base.documentElement;
  const seen = new Set<string>();
  const edges: Element[] = [];
  const edgeKeys = new Set<string>();
  docs.forEach((doc, index) => {
    for (const el of Array.from(doc.getElementsByTagNameNS(GRAPHML_NS, "*"))) {
      if (el.localName === "edge") {
        const key = `${el.getAttribute("source")}|${el.getAttribute("target")}|${el.textContent}`;
        if (!edgeKeys.has(key)) {
          edgeKeys.add(key);
          edges.push(index === 0 ? el : (base.importNode(el, true) as Element));
        }
        continue;
      }
      if (el.localName !== "key" && el.localName !== "node") continue;
      const id = `${el.localName}:${el.getAttribute("id")}`;
      if (seen.has(id)) continue;
      seen.add(id);
      if (index === 0) continue;
      const copy = base.importNode(el, true);
      if (el.localName === "key") root.insertBefore(copy, graph);
      else graph.appendChild(copy);
    }
  });
  edges.forEach((edge, n) => {
    edge.setAttribute("id", `e${n + 1}`);
    graph.appendChild(edge);
  });
  return new Blob([new XMLSerializer().serializeToString(base)], { type: "application/graphml+xml" });
}

function parseXml(text: string): XMLDocument {
  const doc = new DOMParser().parseFromString(text, "application/xml");
  if (doc.getElementsByTagName("parsererror").length) throw new Error("The GraphML export could not be read.");
  return doc;
}
