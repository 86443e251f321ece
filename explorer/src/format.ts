// Words, numbers and colours shared by every view, so a bloc or a type looks
// the same in the chart, the matrix, the tables and the graph. Type titles and
// plurals, and the dependency channels' order, labels and hints, come from the
// domain model (schema_info.ts), not from tables here.

import type { Source } from "./model";
import { channelInfo, channelInfos, entityType, factType } from "./schema_info";

export const ENTITY_TYPES = [
  "Company",
  "Investor",
  "Government",
  "Person",
  "AIModel",
  "Hardware",
  "Regulation",
  "Organization",
] as const;

/** An entity type's title from the model ("AI model"); the name itself until the model is read. */
export function typeLabel(type: string): string {
  return entityType(type)?.title ?? type;
}

/** CSS class carrying a type's colour (badge, legend, node). */
export function typeClass(type: string): string {
  return `t-${type.toLowerCase()}`;
}

export const TYPE_COLOURS: Record<string, string> = {
  Company: "#2f62d0",
  Investor: "#13865f",
  Government: "#a8323e",
  Person: "#7443b8",
  AIModel: "#d9661f",
  Hardware: "#7a5230",
  Regulation: "#0b7285",
  Organization: "#5f6b7a",
  Country: "#8a96a8",
};

export const BLOC_COLOURS: Record<string, string> = {
  us: "#2f62d0",
  china: "#d13b36",
  eu: "#e2a400",
  uk: "#7443b8",
  russia: "#7a5230",
  gulf: "#13865f",
  india: "#ee7b30",
  japan: "#c93f7d",
  other: "#8a96a8",
};

const BLOC_SHORT: Record<string, string> = {
  us: "US",
  china: "China",
  eu: "EU",
  uk: "UK",
  russia: "Russia",
  gulf: "Gulf",
  india: "India",
  japan: "Japan",
  other: "Other",
};

/** A bloc's short name for tight places (column heads, chips); the full name goes in a title. */
export function blocShort(bloc: string, name?: string | null): string {
  return BLOC_SHORT[bloc.toLowerCase()] ?? name ?? bloc;
}

/** An entity type's plural for running text ("companies", "AI models"), from the model. */
export function typePlural(type: string): string {
  const found = entityType(type)?.plural;
  return found ? lowerFirst(found) : `${type.toLowerCase()}s`;
}

/** "Companies" -> "companies"; an acronym ("AI models") keeps its capitals. */
function lowerFirst(text: string): string {
  return /^[A-Z][A-Z]/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

export function blocColour(bloc: string | null | undefined): string {
  return (bloc && BLOC_COLOURS[bloc.toLowerCase()]) || "#b8c0cc";
}

/**
 * The channels in the model's declared order, then any of ``seen`` the model does not
 * list (an answer from a newer server still shows all its channels), each once.
 */
export function channelOrder(seen: Iterable<string> = []): string[] {
  return [...new Set([...channelInfos().map((c) => c.name), ...seen])];
}

/** A channel's label from the model ("Capital"); the name itself when the model does not know it. */
export function channelLabel(channel: string): string {
  return channelInfo(channel)?.label ?? channel;
}

/** What a channel counts, from the model; empty when unknown. */
export function channelHint(channel: string): string {
  return channelInfo(channel)?.hint ?? "";
}

/**
 * CSS classes carrying a channel's colour: ``ch`` (a neutral fallback) and
 * ``ch-<name>`` (the channel's own colour, where the stylesheet has one).
 */
export function channelClass(channel: string): string {
  return `ch ch-${channel.toLowerCase().replace(/[^a-z0-9_-]/g, "-")}`;
}

/** A fact type's title (or plural) from the model; unknown codes read as words ("SUPPLY_DEAL" -> "Supply deal"). */
export function factLabel(code: string, plural = false): string {
  const found = factType(code);
  if (!found) return code.replace(/_/g, " ").toLowerCase().replace(/^./, (c) => c.toUpperCase());
  return plural ? found.plural : found.title;
}

const CURRENCY_SIGNS: Record<string, string> = { USD: "$", EUR: "€", GBP: "£", JPY: "¥", CNY: "CN¥" };

/** 450000000 EUR -> "€450M"; unknown currencies keep their code. */
export function money(amount: number | null | undefined, currency?: string | null): string {
  if (amount === null || amount === undefined) return "—";
  const sign = currency ? CURRENCY_SIGNS[currency] : undefined;
  const value = compact(amount);
  if (sign) return `${sign}${value}`;
  return currency ? `${value} ${currency}` : value;
}

export function compact(amount: number): string {
  const abs = Math.abs(amount);
  const units: [number, string][] = [
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "K"],
  ];
  for (const [size, unit] of units) {
    if (abs >= size) return `${trim(amount / size)}${unit}`;
  }
  return trim(amount);
}

function trim(value: number): string {
  return value.toFixed(value >= 100 || Number.isInteger(value) ? 0 : 1).replace(/\.0$/, "");
}

export function percent(share: number): string {
  if (share > 0 && share < 0.005) return "<1%";
  return `${Math.round(share * 100)}%`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** ISO dates of any precision ("2024", "2024-05", "2024-05-14") in words. */
export function date(value: string | null | undefined): string {
  if (!value) return "undated";
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  if (!month) return year;
  const name = MONTHS[Number(month) - 1] ?? month;
  return day ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Where a source came from, in words: the outlet, else the file or host it was read from. */
export function sourceName(source: Source): string {
  if (source.outlet) return source.outlet;
  if (source.articleId === "reference") return "BlocGraph reference data";
  const raw = source.url || source.source || source.articleId;
  try {
    if (/^https?:/i.test(raw)) return new URL(raw).hostname.replace(/^www\./, "");
  } catch {
    /* not a URL: a file path */
  }
  return raw.split(/[\\/]/).pop() || raw;
}
