// "Who depends on which bloc" for one entity: a bar per bloc split by channel,
// an as-of date, and the fact paths behind any bar one click away.

import { getDependency } from "../data";
import { h, replace, type Child } from "../dom";
import { blocColour, channelClass, channelHint, channelLabel, channelOrder, date, factLabel, money, percent } from "../format";
import type { BlocScore, Dependency, DependencyPath, Entity, Step } from "../model";
import { entityLink, replaceParams } from "../router";
import { empty, failure, loading } from "../ui";
import { openEvidence } from "./reader";

const VIA_LABELS: Record<string, string> = {
  reference: "reference data",
  property: "stored country",
  owner: "its owner",
  "state-owner": "its state owner",
};

export interface DependencyOptions {
  asOf: string | null;
  bloc: string | null;
  names: Map<string, string>;
}

export function dependencyCard(entity: Entity, options: DependencyOptions, signal: AbortSignal): HTMLElement {
  const body = h("div", { class: "dep-body" }, loading("the bloc dependency"));
  const asOfInput = h("input", { id: "as-of", type: "date", class: "input", value: options.asOf ?? "" });
  const apply = (): void => {
    const value = asOfInput.value || null;
    replaceParams({ asOf: value, bloc: null });
    void load(value, null);
  };
  asOfInput.addEventListener("change", apply);
  const clear = h("button", { type: "button", class: "btn btn-small", on: { click: () => ((asOfInput.value = ""), apply()) } }, "Today");
  const load = async (asOf: string | null, bloc: string | null): Promise<void> => {
    replace(body, loading("the bloc dependency"));
    try {
      const result = await getDependency(entity.id, asOf, signal);
      replace(body, chart(result, bloc, new Map([...options.names, ...result.names])));
    } catch (error) {
      if (!signal.aborted) replace(body, failure(error, () => void load(asOf, bloc)));
    }
  };
  void load(options.asOf, options.bloc);
  return h(
    "section",
    { class: "card dep-card", id: "dependency", aria: { labelledby: "dep-title" } },
    h(
      "div",
      { class: "card-head" },
      h("h2", { id: "dep-title", class: "card-title" }, "Who it depends on, by bloc"),
      h("div", { class: "as-of" }, h("label", { for: "as-of" }, "As of"), asOfInput, clear),
    ),
    h(
      "p",
      { class: "card-caption" },
      `Share of ${entity.name}'s ties that reach each bloc, by channel. Select a bar to see the facts behind it.`,
    ),
    legend(),
    body,
  );
}

function legend(): HTMLElement {
  return h(
    "div",
    { class: "legend dep-legend", aria: { label: "Channels" } },
    ...channelOrder().map((channel) =>
      h("span", { class: "legend-item", title: channelHint(channel) }, h("span", { class: `legend-dot ${channelClass(channel)}` }), channelLabel(channel)),
    ),
  );
}

function chart(result: Dependency, selected: string | null, names: Map<string, string>): HTMLElement {
  if (result.blocs.length === 0) {
    return empty(
      "No bloc dependency found",
      `Nothing in the graph ties ${result.name} to a bloc${result.asOf ? ` as of ${date(result.asOf)}` : ""}: no home country, investor, owner, public funder or restriction is known.`,
    );
  }
  const weights = new Map(result.channels.map((c) => [c.name, c.effectiveWeight]));
  const paths = h("div", { class: "dep-paths", id: "dep-paths", aria: { live: "polite" } });
  const order = channelOrder(result.channels.map((c) => c.name));
  const rows = result.blocs.map((bloc) => barRow(bloc, order, weights, () => select(bloc.bloc)));
  const select = (bloc: string): void => {
    rows.forEach((row) => row.setAttribute("aria-pressed", String(row.dataset.bloc === bloc)));
    const found = result.blocs.find((b) => b.bloc === bloc);
    replaceParams({ bloc });
    if (found) replace(paths, pathPanel(found, order, result, names));
  };
  const chartEl = h("div", { class: "dep-chart", role: "group", aria: { label: "Dependency per bloc" } }, axis(), ...rows);
  if (selected && result.blocs.some((b) => b.bloc === selected)) select(selected);
  else replace(paths, h("p", { class: "muted dep-hint" }, "Select a bloc's bar to list the paths behind it."));
  return h("div", {}, chartEl, channelSummary(result), paths);
}

function axis(): HTMLElement {
  return h(
    "div",
    { class: "dep-row dep-axis", aria: { hidden: "true" } },
    h("span", {}),
    h("span", { class: "dep-ticks" }, ...["0%", "25%", "50%", "75%", "100%"].map((t) => h("span", {}, t))),
    h("span", {}),
  );
}

function barRow(bloc: BlocScore, order: readonly string[], weights: Map<string, number>, onSelect: () => void): HTMLButtonElement {
  const parts = order.map((channel) => {
    const evidence = bloc.channels.find((c) => c.channel === channel);
    return { channel, value: (weights.get(channel) ?? 0) * (evidence?.score ?? 0) };
  }).filter((part) => part.value > 0);
  const label = `${bloc.name}: ${percent(bloc.score)} — ${parts.map((p) => `${channelLabel(p.channel)} ${percent(p.value)}`).join(", ")}`;
  const track = h("span", { class: "dep-track" });
  for (const part of parts) {
    const segment = h("span", { class: `dep-seg ${channelClass(part.channel)}`, title: `${channelLabel(part.channel)}: ${percent(part.value)}` });
    segment.style.width = `${Math.max(0.5, part.value * 100)}%`;
    track.appendChild(segment);
  }
  const swatch = h("span", { class: "swatch" });
  swatch.style.background = blocColour(bloc.bloc);
  return h(
    "button",
    { type: "button", class: "dep-row", data: { bloc: bloc.bloc }, aria: { pressed: "false", label }, on: { click: onSelect } },
    h("span", { class: "dep-name" }, swatch, bloc.name),
    track,
    h("span", { class: "dep-score" }, percent(bloc.score)),
  );
}

function channelSummary(result: Dependency): HTMLElement {
  const used = result.channels.filter((c) => c.links > 0);
  if (!used.length) return h("span", {});
  return h(
    "p",
    { class: "dep-channels muted" },
    "Channels weighed: ",
    ...used.flatMap((c, i) => [
      i ? " · " : "",
      h("span", { title: channelHint(c.name) }, `${channelLabel(c.name)} ${percent(c.effectiveWeight)} (${c.links} ${c.links === 1 ? "tie" : "ties"}${c.unattributed > 0.005 ? `, ${percent(c.unattributed)} unplaced` : ""})`),
    ]),
  );
}

function pathPanel(bloc: BlocScore, order: readonly string[], result: Dependency, names: Map<string, string>): HTMLElement {
  const groups = order.map((channel) => bloc.channels.find((c) => c.channel === channel)).filter(
    (c): c is NonNullable<typeof c> => Boolean(c && c.paths.length),
  );
  return h(
    "div",
    { class: "path-panel" },
    h("h3", {}, `Why ${result.name} depends on ${bloc.name}: ${percent(bloc.score)}`),
    ...groups.map((group) =>
      h(
        "div",
        { class: "path-group" },
        h("h4", {}, h("span", { class: `legend-dot ${channelClass(group.channel)}` }), `${channelLabel(group.channel)} — ${percent(group.score)} of this channel`),
        h("ol", { class: "path-list" }, ...group.paths.map((path) => h("li", {}, pathItem(path, result.entityId, names)))),
      ),
    ),
  );
}

function pathItem(path: DependencyPath, start: string, names: Map<string, string>): HTMLElement {
  const chain: Child[] = [entityName(start, names, start)];
  for (const step of path.steps) chain.push(stepArrow(step), entityName(step.to, names, start));
  const last = path.steps.length ? path.steps[path.steps.length - 1].to : start;
  if (last !== path.country) {
    chain.push(h("span", { class: "step" }, h("span", { class: "step-label" }, "based in"), h("span", { class: "step-arrow", aria: { hidden: "true" } }, "→")));
    chain.push(h("span", { class: "node node-country", title: "Country" }, names.get(path.country) ?? path.country));
  }
  return h(
    "div",
    { class: "path" },
    h("div", { class: "path-chain" }, ...chain),
    h(
      "div",
      { class: "path-meta" },
      h("span", { class: "chip" }, "Share ", h("strong", {}, percent(path.share))),
      h("span", { class: "chip", title: "What ties the last entity to its country" }, "Placed by ", h("strong", {}, VIA_LABELS[path.via] ?? path.via.replace(/[_-]/g, " "))),
      path.undated ? h("span", { class: "chip chip-conflict" }, "undated fact kept") : null,
    ),
  );
}

function entityName(id: string, names: Map<string, string>, self: string): HTMLElement {
  const name = names.get(id) ?? id;
  if (/^[A-Z]{2}$/.test(id)) return h("span", { class: "node node-country" }, name);
  if (id === self) return h("strong", { class: "node node-self" }, name);
  return h("a", { class: "node", href: entityLink(id) }, name);
}

function stepArrow(step: Step): HTMLElement {
  const bits = [factLabel(step.type), step.date ? date(step.date) : null, step.amount !== null ? money(step.amount, step.currency) : null]
    .filter(Boolean)
    .join(" · ");
  const source = step.sources[0];
  const label = h("span", { class: "step-label" }, bits);
  return h(
    "span",
    { class: "step" },
    source
      ? h(
          "button",
          { type: "button", class: "step-btn", title: "Show the evidence", aria: { label: `${bits}: show the evidence` }, on: { click: (e) => openEvidence(source, e.currentTarget as HTMLElement) } },
          label,
        )
      : label,
    h("span", { class: "step-arrow", aria: { hidden: "true" } }, "→"),
  );
}
