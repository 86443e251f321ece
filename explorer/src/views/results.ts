// Full search results, for Enter in the search box without a suggestion.

import { searchEntities } from "../data";
import { h, replace } from "../dom";
import { typeLabel, plural } from "../format";
import type { Entity } from "../model";
import { entityLink, link, type Route } from "../router";
import { empty, failure, loading, pageHeader, typeBadge } from "../ui";

export async function renderSearchResults(route: Route, container: HTMLElement, signal: AbortSignal): Promise<void> {
  const text = route.params.get("q") ?? "";
  const type = route.params.get("type");
  const list = h("div", {}, loading("results"));
  replace(container, pageHeader(`Results for “${text}”`, type ? `Only ${typeLabel(type)} entities.` : "Entities whose name or an alias matches every word."), list);
  if (!text.trim()) {
    replace(list, empty("Nothing to search for", "Type a name in the search box."));
    return;
  }
  try {
    const page = await searchEntities(text, type ? [type] : null, 50, null, signal);
    if (!page.items.length) {
      replace(list, empty("Nothing found", `No entity is called “${text}”. Check the spelling, try a shorter name or another type.`, h("a", { href: link(["search"], { q: text }) }, "Search all types")));
      return;
    }
    replace(
      list,
      h("p", { class: "table-count" }, plural(page.items.length, "entity", "entities") + (page.hasNext ? " (first 50)" : "")),
      h("ul", { class: "result-list card" }, ...page.items.map(result)),
    );
  } catch (error) {
    if (!signal.aborted) replace(list, failure(error));
  }
}

function result(entity: Entity): HTMLElement {
  return h(
    "li",
    { class: "result" },
    h("a", { href: entityLink(entity.id), class: "result-name" }, entity.name),
    typeBadge(entity.type),
    entity.countryName || entity.country ? h("span", { class: "muted" }, entity.countryName ?? entity.country ?? "") : null,
    entity.aliases.length ? h("span", { class: "muted result-aliases" }, `aka ${entity.aliases.join(", ")}`) : null,
  );
}
