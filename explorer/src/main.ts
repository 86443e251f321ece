// Entry point: wires the top search, the navigation and the hash router.

import "./styles/base.css";
import "./styles/components.css";
import "./styles/views.css";

import { $, announce, h } from "./dom";
import { currentRoute, link, type Route, type ViewRender } from "./router";
import { factSlug, listedFactTypes, loadSchemaInfo, whenSchemaInfo } from "./schema_info";
import { mountTopSearch } from "./search";
import { failure } from "./ui";
import { renderHome } from "./views/home";
import { renderEntity } from "./views/entity";
import { renderMatrix } from "./views/matrix";
import { renderFactTable } from "./views/tables";
import { renderPaths } from "./views/paths";
import { renderConflicts } from "./views/conflicts";
import { renderIngest } from "./views/ingest";
import { renderSearchResults } from "./views/results";

/** Views that draw nothing from the domain model, so they need not wait for it. */
const WITHOUT_MODEL = new Set([""]);

const VIEWS: Record<string, ViewRender> = {
  "": renderHome,
  entity: renderEntity,
  matrix: renderMatrix,
  facts: renderFactTable,
  paths: renderPaths,
  conflicts: renderConflicts,
  ingest: renderIngest,
  search: renderSearchResults,
};

let controller: AbortController | null = null;
let lastView = "";
let lastEntity: string | undefined;

async function route(): Promise<void> {
  const current = currentRoute();
  const name = current.parts[0] ?? "";
  const render = VIEWS[name];
  const container = $("#view");
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  markNavigation(current);
  // Within one view (filters, tabs) the reader keeps their place and focus.
  const sameView = name === lastView && (name !== "entity" || current.parts[1] === lastEntity);
  lastView = name;
  lastEntity = current.parts[1];
  if (!sameView) window.scrollTo(0, 0);
  if (!render) {
    container.replaceChildren(failure(new Error(`There is no page called "${name}".`)));
    return;
  }
  try {
    // Fact and type words come from the model: read once, before the first view using them.
    // A refusal (no API key, no server) shows like any view's, with the key form and a retry.
    if (!WITHOUT_MODEL.has(name)) await loadSchemaInfo();
    if (signal.aborted) return;
    await render(current, container, signal);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") return;
    if (signal.aborted) return;
    container.replaceChildren(failure(error, () => void route()));
  }
  const heading = container.querySelector("h1");
  if (heading?.textContent) {
    document.title = `${heading.textContent} · BlocGraph`;
    if (!sameView) announce(heading.textContent);
  }
  if (!sameView && document.activeElement?.closest("#main") === null) $("#main").focus({ preventScroll: true });
}

function markNavigation(current: Route): void {
  const [name = "", sub = ""] = current.parts;
  document.querySelectorAll<HTMLAnchorElement>(".mainnav a").forEach((anchor) => {
    if (anchor.dataset.nav === name || anchor.dataset.nav === `${name}/${sub}`) anchor.setAttribute("aria-current", "page");
    else anchor.removeAttribute("aria-current");
  });
}

/** A tab per fact type the model gives a listing, labelled with its plural, after the bloc matrix. */
function mountFactTabs(): void {
  whenSchemaInfo(() => {
    const nav = $(".mainnav");
    const after = nav.querySelector<HTMLElement>('[data-nav="matrix"]');
    const tabs = listedFactTypes().map((type) => {
      const slug = factSlug(type.code);
      return h("a", { href: link(["facts", slug]), data: { nav: `facts/${slug}` } }, type.plural);
    });
    if (after) after.after(...tabs);
    else nav.prepend(...tabs);
    markNavigation(currentRoute());
  });
}

mountTopSearch();
mountFactTabs();
loadSchemaInfo().catch(() => undefined); // early, for the search box; views retry and report a failure
window.addEventListener("hashchange", () => void route());
void route();
