// An entity's dated facts in time order, grouped by year; facts dated only by
// their article say so, and undated facts are listed at the end.

import { getTimeline } from "../data";
import { h, replace } from "../dom";
import { downloadMenu, fileName, saveCsv } from "../download";
import { date, factLabel } from "../format";
import type { Entity, TimelineEntry } from "../model";
import { channelOfFact } from "../schema_info";
import { empty, failure, loading } from "../ui";
import { factRows } from "./fact_rows";
import { factItem } from "./facts";

export async function renderTimelineTab(entity: Entity, body: HTMLElement, signal: AbortSignal): Promise<void> {
  replace(body, loading("the timeline"));
  let entries: TimelineEntry[];
  try {
    entries = await getTimeline(entity.id, signal);
  } catch (error) {
    if (!signal.aborted) replace(body, failure(error));
    return;
  }
  if (signal.aborted) return;
  if (!entries.length) {
    replace(body, empty("No dated facts", `Nothing about ${entity.name} carries a date yet.`));
    return;
  }
  const years = new Map<string, TimelineEntry[]>();
  for (const entry of entries) {
    const year = entry.when ? entry.when.slice(0, 4) : "Undated";
    years.set(year, [...(years.get(year) ?? []), entry]);
  }
  replace(
    body,
    h(
      "section",
      { class: "card timeline-card", aria: { labelledby: "tl-title" } },
      h(
        "div",
        { class: "card-head" },
        h("h2", { id: "tl-title", class: "card-title" }, `Timeline of ${entity.name}`),
        downloadMenu("Download the timeline", [{ label: "CSV", run: () => saveCsv(...factRows(entries.map((e) => e.fact)), fileName([entity.id, "timeline"], "csv")) }]),
      ),
      h("p", { class: "card-caption" }, "Facts by their own date; where a fact has none, by the date of the first article reporting it."),
      h("ol", { class: "timeline" }, ...[...years.entries()].map(([year, items]) => yearBlock(year, items, entity.id))),
    ),
  );
}

function yearBlock(year: string, items: TimelineEntry[], focus: string): HTMLElement {
  return h(
    "li",
    { class: "tl-year" },
    h("h3", { class: "tl-year-label" }, year),
    h(
      "ol",
      { class: "tl-items" },
      ...items.map((entry) =>
        h(
          "li",
          { class: `tl-item ${timelineClass(entry.fact.type)}` },
          h(
            "div",
            { class: "tl-when" },
            h("time", { datetime: entry.when ?? "" }, entry.when ? date(entry.when) : "undated"),
            entry.datedBy === "article" ? h("span", { class: "tl-by" }, "article date") : null,
            h("span", { class: "tl-type" }, factLabel(entry.fact.type)),
          ),
          factItem(entry.fact, focus, "collapsed", false),
        ),
      ),
    ),
  );
}

/** The marker's colour class: the channel the fact type feeds, as the model declares. */
function timelineClass(factType: string): string {
  const channel = channelOfFact(factType);
  return channel ? `tl-ch-${channel.name}` : "";
}
