// The domain model as the API describes it (the `model` query): each fact type's
// title, plural, reading order, summary sentence and graph edge, and each entity
// type's title and plural, and the dependency channels in scoring order with
// their labels and hints. It is read once, before the first view that needs it,
// so a fact type declared in schema/types/*.yaml, or a channel declared in
// graph/analytics/channels.yaml, shows in its own words with no change here: the
// explorer holds no table of fact types or channels of its own.

import { gql } from "./api";
import { documentFor } from "./queries";

export interface FactFieldInfo {
  name: string;
  /** entity | country | string | amount | currency | date */
  type: string;
  list: boolean;
  /** True for entity and country fields: their values are the fact's participants. */
  participant: boolean;
}

export interface DisplayEdgeInfo {
  /** The field whose participants the edge starts from. */
  source: string;
  target: string;
  /** The edge's words; when it names a field of the fact, that field's value shows instead. */
  label: string;
  /** A style class for the graph ("restriction"), or null for the plain line. */
  style: string | null;
}

export interface FactTypeInfo {
  code: string;
  title: string;
  plural: string;
  /** What a fact of the type states, in a sentence (a table's subtitle). */
  description: string;
  order: number;
  /** Always listed on an entity page, even when the entity has none. */
  headline: boolean;
  /** Has a date field: an undated fact of this type says "undated". */
  dated: boolean;
  /** The API's named listing of this type alone; the explorer tabs the types that have one. */
  listing: string | null;
  summary: string | null;
  edge: DisplayEdgeInfo | null;
  fields: FactFieldInfo[];
}

export interface EntityTypeInfo {
  name: string;
  title: string;
  plural: string;
}

/** A dependency channel as declared: its name in dependency answers, and its words for readers. */
export interface ChannelInfo {
  name: string;
  label: string;
  /** What the channel counts, in a few words (a tooltip). */
  hint: string;
  weight: number;
  /** The fact type codes that feed the channel, as declared. */
  factTypes: string[];
}

export interface ModelInfo {
  factTypes: FactTypeInfo[];
  entityTypes: EntityTypeInfo[];
  /** In declared (scoring) order. */
  channels: ChannelInfo[];
}

let pending: Promise<ModelInfo> | null = null;
let ordered: FactTypeInfo[] = [];
const factIndex = new Map<string, FactTypeInfo>();
const entityIndex = new Map<string, EntityTypeInfo>();
const fieldIndex = new Map<string, Map<string, FactFieldInfo>>();
let channelList: ChannelInfo[] = [];
const channelIndex = new Map<string, ChannelInfo>();
const listeners: (() => void)[] = [];
let ready = false;

/**
 * The model, fetched on the first call (with the tab's API key, through ``gql``)
 * and kept for the page's life; a failed fetch is forgotten, so a retry asks again.
 */
export function loadSchemaInfo(): Promise<ModelInfo> {
  pending ??= gql<{ model: ModelInfo }>(documentFor("Model")).then(
    (data) => {
      install(data.model);
      return data.model;
    },
    (error: unknown) => {
      pending = null;
      throw error;
    },
  );
  return pending;
}

function install(model: ModelInfo): void {
  ordered = [...model.factTypes].sort((a, b) => a.order - b.order);
  factIndex.clear();
  fieldIndex.clear();
  for (const type of ordered) {
    factIndex.set(type.code, type);
    fieldIndex.set(type.code, new Map(type.fields.map((f) => [f.name, f])));
  }
  entityIndex.clear();
  for (const type of model.entityTypes) entityIndex.set(type.name, type);
  channelList = [...model.channels];
  channelIndex.clear();
  for (const channel of channelList) channelIndex.set(channel.name, channel);
  ready = true;
  for (const listener of listeners.splice(0)) listener();
}

/** Run ``listener`` once the model is known (at once when it already is). */
export function whenSchemaInfo(listener: () => void): void {
  if (ready) listener();
  else listeners.push(listener);
}

/** A fact type by its code, or undefined before the model is read or for an unknown code. */
export function factType(code: string): FactTypeInfo | undefined {
  return factIndex.get(code);
}

/** Every fact type in reading order. */
export function factTypes(): readonly FactTypeInfo[] {
  return ordered;
}

/** A fact type's code as a route segment ("SUPPLY_DEAL" -> "supply_deal"). */
export function factSlug(code: string): string {
  return code.toLowerCase();
}

/** A fact type by its route segment, or undefined. */
export function factTypeBySlug(slug: string): FactTypeInfo | undefined {
  return ordered.find((type) => factSlug(type.code) === slug.toLowerCase());
}

/** The fact types the model gives a listing of their own, in reading order (the table tabs). */
export function listedFactTypes(): readonly FactTypeInfo[] {
  return ordered.filter((type) => type.listing);
}

/** A field of a fact type, as the model declares it. */
export function factField(code: string, name: string): FactFieldInfo | undefined {
  return fieldIndex.get(code)?.get(name);
}

export function entityType(name: string): EntityTypeInfo | undefined {
  return entityIndex.get(name);
}

/** Every dependency channel in declared order (empty before the model is read). */
export function channelInfos(): readonly ChannelInfo[] {
  return channelList;
}

/** The first declared channel a fact type feeds, or undefined (timeline colours). */
export function channelOfFact(code: string): ChannelInfo | undefined {
  return channelList.find((channel) => channel.factTypes.includes(code));
}

/** A dependency channel by its name, or undefined before the model is read or for an unknown name. */
export function channelInfo(name: string): ChannelInfo | undefined {
  return channelIndex.get(name);
}
