// Facts as CSV rows, shared by every download of facts (entity page, network,
// timeline, paths). Its own module so those views need not import each other.

import { factLabel } from "../format";
import type { Fact } from "../model";

/** The facts as a CSV header and rows, each fact's type by its title. */
export function factRows(facts: Fact[]): [string[], (string | number | null)[][]] {
  const header = ["fact_key", "type", "date", "participants", "amount", "currency", "valuation", "round", "role", "conflict", "sources"];
  const rows = facts.map((f) => [
    f.key,
    factLabel(f.type),
    f.date,
    f.participants.map((p) => `${p.field}: ${p.name}${p.lead ? " (lead)" : ""}`).join("; "),
    f.amount,
    f.currency,
    f.valuation,
    f.round,
    f.role,
    f.conflict ? f.conflicts.join(" ") || "yes" : "",
    (f.sources ?? []).map((s) => `${s.outlet ?? s.source ?? s.articleId}${s.published ? ` (${s.published})` : ""}`).join("; "),
  ]);
  return [header, rows];
}
