// The start page: what the explorer answers, a search, and ways in.

import { listBlocs } from "../data";
import { h, replace } from "../dom";
import { blocColour } from "../format";
import { entityLink, link, type Route } from "../router";
import { factSlug, listedFactTypes, whenSchemaInfo } from "../schema_info";
import { pageHeader } from "../ui";

const STARTS: [string, string][] = [
  ["mistral-ai", "Mistral AI"],
  ["anthropic", "Anthropic"],
  ["openai", "OpenAI"],
  ["deepseek", "DeepSeek"],
  ["nvidia", "Nvidia"],
];

export async function renderHome(_route: Route, container: HTMLElement, signal: AbortSignal): Promise<void> {
  const blocsList = h("div", { class: "home-blocs" });
  // The tabled fact types come from the model, which this page does not wait for.
  const tableButtons = h("div", { class: "btn-row" });
  whenSchemaInfo(() =>
    replace(tableButtons, ...listedFactTypes().map((type) => h("a", { class: "btn", href: link(["facts", factSlug(type.code)]) }, type.plural))),
  );
  replace(
    container,
    pageHeader(
      "Who depends on which bloc?",
      "BlocGraph reads news about AI geopolitics — who restricts whom, export controls, who pays for whom and who owns what — and traces each organisation's ties to the US, China, the EU and the other blocs, with the sentence behind every fact.",
    ),
    h(
      "div",
      { class: "home-grid" },
      card("Find an entity", "Type a name or alias in the search box at the top (press / to jump there). Suggestions appear as you type; pick one to open its page.",
        h("p", { class: "home-starts" }, "Try ", ...STARTS.flatMap(([id, name], i) => [i ? ", " : "", h("a", { href: entityLink(id) }, name)]))),
      card("Compare organisations", "The bloc matrix lays out every company against every bloc as a heat map; each cell opens the facts behind the score.", h("a", { class: "btn", href: link(["matrix"]) }, "Open the bloc matrix")),
      card("Follow the money and the restrictions", "Tables of facts, filterable by party, bloc and period, each row with its sources.", tableButtons),
      card("Add an article", "Paste a news article or a URL; with a write key, BlocGraph extracts its facts and adds them to the graph.", h("a", { class: "btn", href: link(["ingest"]) }, "Ingest an article")),
    ),
    h("section", { class: "card", aria: { labelledby: "blocs-title" } }, h("h2", { id: "blocs-title", class: "card-title" }, "Blocs"), blocsList),
  );
  try {
    const blocs = await listBlocs(signal);
    replace(blocsList, ...blocs.map((b) => {
      const swatch = h("span", { class: "swatch" });
      swatch.style.background = blocColour(b.id);
      return h("a", { class: "bloc-link", href: link(["facts"], { bloc: b.id }), title: `Facts involving ${b.name}` }, swatch, b.name);
    }));
  } catch {
    replace(blocsList, h("p", { class: "muted" }, "The bloc list is unavailable right now."));
  }
}

function card(title: string, text: string, ...extra: HTMLElement[]): HTMLElement {
  return h("section", { class: "card home-card" }, h("h2", { class: "card-title" }, title), h("p", {}, text), ...extra);
}
