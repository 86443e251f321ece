// Facts whose sources disagree, each source with its own values side by side.

import { listConflicts } from "../data";
import { h, replace } from "../dom";
import { plural } from "../format";
import type { Fact } from "../model";
import { type Route } from "../router";
import { empty, failure, loading, pageHeader } from "../ui";
import { factItem } from "./facts";

export async function renderConflicts(_route: Route, container: HTMLElement, signal: AbortSignal): Promise<void> {
  const list = h("div", {}, loading("conflicts"));
  replace(
    container,
    pageHeader("Conflicts", "Facts reported differently by different sources: the graph keeps the first value and each source's own. Read the evidence before relying on them."),
    list,
  );
  let facts: Fact[];
  try {
    facts = (await listConflicts(100, signal)).items;
  } catch (error) {
    if (!signal.aborted) replace(list, failure(error));
    return;
  }
  if (!facts.length) {
    replace(list, empty("No conflicts", "Every fact's sources agree with each other."));
    return;
  }
  replace(list, h("p", { class: "table-count" }, plural(facts.length, "fact") + " with disagreeing sources"), h("ol", { class: "conflict-list" }, ...facts.map((f) => h("li", { class: "card" }, factItem(f, null, "inline", true, true)))));
}
