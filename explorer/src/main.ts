// Entry point: wires the top search, the navigation and the hash router.

import "./styles/base.css";
import "./styles/components.css";
import "./styles/views.css";

import { $, announce } from "./dom";
import { currentRoute, type ViewRender } from "./router";
import { mountTopSearch } from "./search";
import { failure } from "./ui";
import { renderHome } from "./views/home";
import { renderEntity } from "./views/entity";
import { renderMatrix } from "./views/matrix";
import { renderBans, renderFunding } from "./views/tables";
import { renderPaths } from "./views/paths";
import { renderConflicts } from "./views/conflicts";
import { renderIngest } from "./views/ingest";
import { renderSearchResults } from "./views/results";

const VIEWS: Record<string, ViewRender> = {
  "": renderHome,
  entity: renderEntity,
  matrix: renderMatrix,
  bans: renderBans,
  funding: renderFunding,
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
  markNavigation(name);
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
    await render(current, container, controller.signal);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") return;
    container.replaceChildren(failure(error, () => void route()));
  }
  const heading = container.querySelector("h1");
  if (heading?.textContent) {
    document.title = `${heading.textContent} · BlocGraph`;
    if (!sameView) announce(heading.textContent);
  }
  if (!sameView && document.activeElement?.closest("#main") === null) $("#main").focus({ preventScroll: true });
}

function markNavigation(name: string): void {
  document.querySelectorAll<HTMLAnchorElement>(".mainnav a").forEach((anchor) => {
    if (anchor.dataset.nav === name) anchor.setAttribute("aria-current", "page");
    else anchor.removeAttribute("aria-current");
  });
}

mountTopSearch();
window.addEventListener("hashchange", () => void route());
void route();
