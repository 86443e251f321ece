// The data layer: sends the operations of queries.ts and maps each answer onto
// the shapes in model.ts, so the views never see the API's field names.

import { ApiError, gql } from "./api";
import { documentFor } from "./queries";
import type {
  Article,
  Bloc,
  Dependency,
  Entity,
  Fact,
  IngestResult,
  Matrix,
  Page,
  Path,
  Source,
  Subgraph,
  TimelineEntry,
} from "./model";

// ---------------------------------------------------------------- raw shapes

interface RawEntity {
  id: string;
  name: string;
  type: string;
  aliases?: string[];
  country?: string | null;
  description?: string | null;
  home?: { iso: string; name: string } | null;
  bloc?: { id: string; name: string } | null;
}

interface RawArticle {
  id: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  published: string | null;
  source: string | null;
  text?: string | null;
}

interface RawSource {
  evidence: string | null;
  start: number | null;
  end: number | null;
  confidence: number | null;
  values: Record<string, unknown> | null;
  article: RawArticle;
}

interface RawFact {
  key: string;
  type: string;
  conflict: boolean;
  conflicts: string[];
  sourceCount: number;
  attributes: Record<string, unknown> | null;
  participants: { role: string; field: string; id: string; name: string; type: string; lead: boolean; entity?: { bloc: { id: string; name: string } | null } | null }[];
  sources?: RawSource[];
}

interface Connection<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

// ---------------------------------------------------------------- mapping

export function toEntity(raw: RawEntity): Entity {
  return {
    id: raw.id,
    name: raw.name,
    type: raw.type,
    aliases: raw.aliases ?? [],
    country: raw.home?.iso ?? raw.country ?? null,
    countryName: raw.home?.name ?? null,
    bloc: raw.bloc?.id ?? null,
    blocName: raw.bloc?.name ?? null,
    description: raw.description ?? null,
  };
}

function toSource(raw: RawSource, factKey: string): Source {
  return {
    factKey,
    articleId: raw.article.id,
    title: raw.article.title,
    url: raw.article.url,
    outlet: raw.article.outlet,
    published: raw.article.published,
    source: raw.article.source,
    evidence: raw.evidence,
    start: raw.start,
    end: raw.end,
    confidence: raw.confidence,
    values: raw.values ?? {},
  };
}

function num(value: unknown): number | null {
  return typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" && !isNaN(Number(value)) ? Number(value) : null;
}

function str(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function toFact(raw: RawFact): Fact {
  const attrs = raw.attributes ?? {};
  return {
    key: raw.key,
    type: raw.type,
    date: str(attrs.date),
    amount: num(attrs.amount),
    currency: str(attrs.currency),
    valuation: num(attrs.valuation),
    round: str(attrs.round),
    role: str(attrs.role),
    program: str(attrs.program),
    attributes: attrs,
    participants: raw.participants.map((p) => ({
      role: p.role,
      field: p.field,
      id: p.id,
      name: p.name,
      type: p.type,
      lead: p.lead,
      bloc: p.entity?.bloc?.id ?? null,
      blocName: p.entity?.bloc?.name ?? null,
    })),
    conflict: raw.conflict,
    conflicts: raw.conflicts ?? [],
    sourceCount: raw.sourceCount,
    sources: raw.sources ? raw.sources.map((source) => toSource(source, raw.key)) : null,
  };
}

function page<R, T>(conn: Connection<R>, convert: (raw: R) => T): Page<T> {
  return { items: conn.nodes.map(convert), endCursor: conn.pageInfo.endCursor, hasNext: conn.pageInfo.hasNextPage };
}

// ---------------------------------------------------------------- entities

export async function searchEntities(text: string, types: string[] | null, first: number, after: string | null, signal?: AbortSignal): Promise<Page<Entity>> {
  const query = documentFor("Search");
  const data = await gql<{ search: Connection<{ entity: RawEntity }> }>(query, { text, types, first, after }, { signal });
  return page(data.search, (hit) => toEntity(hit.entity));
}

export async function getEntity(id: string, signal?: AbortSignal): Promise<Entity | null> {
  const query = documentFor("Entity");
  const data = await gql<{ entity: RawEntity | null }>(query, { id }, { signal });
  return data.entity ? toEntity(data.entity) : null;
}

export async function getEntityWithFacts(id: string, signal?: AbortSignal): Promise<{ entity: Entity; facts: Fact[] } | null> {
  const query = documentFor("EntityFacts");
  type Answer = { entity: (RawEntity & { facts: Connection<RawFact> }) | null };
  let after: string | null = null;
  let entity: Entity | null = null;
  const facts: Fact[] = [];
  for (let round = 0; round < 10; round++) {
    const data: Answer = await gql<Answer>(query, { id, after }, { signal });
    if (!data.entity) return null;
    entity = toEntity(data.entity);
    facts.push(...data.entity.facts.nodes.map(toFact));
    if (!data.entity.facts.pageInfo.hasNextPage) break;
    after = data.entity.facts.pageInfo.endCursor;
  }
  return entity ? { entity, facts } : null;
}

/** Ids of the entities of a type based in a country (for the matrix's country filter). */
export async function listEntityIds(type: string, country: string, signal?: AbortSignal): Promise<Set<string>> {
  const query = documentFor("EntityIds");
  type Answer = { entities: Connection<{ id: string }> };
  const ids = new Set<string>();
  let after: string | null = null;
  for (let round = 0; round < 20; round++) {
    const data: Answer = await gql<Answer>(query, { type, country, after }, { signal });
    data.entities.nodes.forEach((n) => ids.add(n.id));
    if (!data.entities.pageInfo.hasNextPage) break;
    after = data.entities.pageInfo.endCursor;
  }
  return ids;
}

export async function listBlocs(signal?: AbortSignal): Promise<Bloc[]> {
  const data = await gql<{ blocs: Bloc[] }>(documentFor("Blocs"), {}, { signal });
  return data.blocs;
}

// ---------------------------------------------------------------- dependency

interface RawStep {
  key: string;
  type: string;
  date: string | null;
  amount: number | null;
  currency: string | null;
  amountUsd: number | null;
  from: string;
  to: string;
  sources: RawSource[];
  fact: { participants: { id: string; name: string }[] } | null;
}

interface RawDependency {
  entity: RawEntity;
  asOf: string | null;
  channels: { name: string; weight: number; effectiveWeight: number; links: number; unattributed: number }[];
  blocs: {
    bloc: { id: string; name: string };
    score: number;
    channels: {
      channel: string;
      score: number;
      paths: { channel: string; bloc: string | null; country: string; via: string; counterpart: { id: string } | null; weight: number; share: number; undated: boolean; steps: RawStep[] }[];
    }[];
  }[];
}

export async function getDependency(entity: string, asOf: string | null, signal?: AbortSignal): Promise<Dependency & { names: Map<string, string> }> {
  const query = documentFor("Dependency");
  const data = await gql<{ dependency: RawDependency }>(query, { entity, asOf }, { signal });
  const raw = data.dependency;
  const names = new Map<string, string>([[raw.entity.id, raw.entity.name]]);
  const result = {
    entityId: raw.entity.id,
    name: raw.entity.name,
    type: raw.entity.type,
    asOf: raw.asOf,
    channels: raw.channels,
    names,
    blocs: raw.blocs.map((b) => ({
      bloc: b.bloc.id,
      name: b.bloc.name,
      score: b.score,
      channels: b.channels.map((c) => ({
        channel: c.channel,
        score: c.score,
        paths: c.paths.map((p) => ({
          channel: p.channel,
          bloc: p.bloc,
          country: p.country,
          via: p.via,
          counterpart: p.counterpart?.id ?? null,
          weight: p.weight,
          share: p.share,
          undated: p.undated,
          steps: p.steps.map((s) => {
            for (const part of s.fact?.participants ?? []) names.set(part.id, part.name);
            return { key: s.key, type: s.type, date: s.date, amount: s.amount, currency: s.currency, amountUsd: s.amountUsd, from: s.from, to: s.to, sources: s.sources.map((source) => toSource(source, s.key)) };
          }),
        })),
      })),
    })),
  };
  return result;
}

const BLOC_ORDER = ["us", "china", "eu", "uk", "russia", "japan", "india", "gulf"];

/** The blocs the question is usually about first; the rest of the world last. */
function orderBlocs(blocs: Bloc[]): Bloc[] {
  const rank = (id: string): number => (BLOC_ORDER.includes(id) ? BLOC_ORDER.indexOf(id) : id === "other" ? 99 : 50);
  return [...blocs].sort((a, b) => rank(a.id) - rank(b.id) || a.name.localeCompare(b.name));
}

export async function getMatrix(type: string, asOf: string | null, signal?: AbortSignal): Promise<Matrix> {
  const query = documentFor("Matrix");
  type Answer = {
    dependencyMatrix: {
      asOf: string | null;
      blocs: Bloc[];
      rows: { entity: { id: string; name: string; country: string | null } | null; scores: { bloc: { id: string }; score: number }[] }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
  };
  let after: string | null = null;
  let matrix: Matrix | null = null;
  for (let round = 0; round < 20; round++) {
    const data: Answer = await gql<Answer>(query, { type, asOf, after }, { signal });
    const m = data.dependencyMatrix;
    matrix ??= { asOf: m.asOf, blocs: orderBlocs(m.blocs), rows: [] };
    const order = matrix.blocs.map((b) => b.id);
    for (const row of m.rows) {
      if (!row.entity) continue;
      const byBloc = new Map(row.scores.map((s) => [s.bloc.id, s.score]));
      matrix.rows.push({ id: row.entity.id, name: row.entity.name, country: row.entity.country, scores: order.map((id) => byBloc.get(id) ?? 0) });
    }
    if (!m.pageInfo.hasNextPage) break;
    after = m.pageInfo.endCursor;
  }
  return matrix ?? { asOf, blocs: [], rows: [] };
}

// ---------------------------------------------------------------- walks

export async function getNeighbourhood(entity: string, hops: number, signal?: AbortSignal): Promise<Subgraph> {
  const query = documentFor("Neighbourhood");
  const data = await gql<{ neighbourhood: { truncated: boolean; center: RawEntity; entities: RawEntity[]; facts: RawFact[] } }>(query, { entity, hops }, { signal });
  const n = data.neighbourhood;
  return { center: toEntity(n.center), entities: n.entities.map(toEntity), facts: n.facts.map(toFact), truncated: n.truncated };
}

export async function findPaths(from: string, to: string, maxHops: number, signal?: AbortSignal): Promise<Path[]> {
  const query = documentFor("Paths");
  const data = await gql<{ paths: { entities: RawEntity[]; facts: RawFact[] }[] }>(query, { from, to, maxHops }, { signal });
  return data.paths.map((p) => ({ entities: p.entities.map(toEntity), facts: p.facts.map(toFact) }));
}

export async function getTimeline(entity: string, signal?: AbortSignal): Promise<TimelineEntry[]> {
  const query = documentFor("Timeline");
  type Answer = { timeline: Connection<{ when: string | null; datedBy: string | null; fact: RawFact }> };
  const entries: TimelineEntry[] = [];
  let after: string | null = null;
  for (let round = 0; round < 10; round++) {
    const data: Answer = await gql<Answer>(query, { entity, after }, { signal });
    entries.push(...data.timeline.nodes.map((t) => ({ when: t.when, datedBy: t.datedBy, fact: toFact(t.fact) })));
    if (!data.timeline.pageInfo.hasNextPage) break;
    after = data.timeline.pageInfo.endCursor;
  }
  return entries;
}

// ---------------------------------------------------------------- listings

/** What a fact listing keeps: ids per participant field, and the model's generic filters. */
export interface FactFilters {
  participants: { field: string; id: string }[];
  bloc: string | null;
  from: string | null;
  to: string | null;
  minAmount: number | null;
}

/** One page of facts of one type (the generic ``facts`` listing), newest first for dated types. */
export async function listFacts(type: string, filters: FactFilters, first: number, after: string | null, signal?: AbortSignal): Promise<Page<Fact>> {
  const query = documentFor("Facts");
  const vars = {
    type,
    participants: filters.participants.length ? filters.participants : null,
    bloc: filters.bloc,
    from: filters.from,
    to: filters.to,
    minAmount: filters.minAmount,
    first,
    after,
  };
  const data = await gql<{ facts: Connection<RawFact> }>(query, vars, { signal });
  return page(data.facts, toFact);
}

export async function listConflicts(first: number, signal?: AbortSignal): Promise<Page<Fact>> {
  const query = documentFor("Conflicts");
  const data = await gql<{ conflicts: Connection<{ fact: RawFact; sources: RawSource[] }> }>(query, { first }, { signal });
  return page(data.conflicts, (c) => toFact({ ...c.fact, sources: c.sources }));
}

// ---------------------------------------------------------------- articles

/**
 * The stored text of the article behind a source. The API reaches article text
 * through the facts it supports, so the fact's key leads to it.
 */
export async function getArticle(factKey: string, articleId: string, signal?: AbortSignal): Promise<Article | null> {
  const query = documentFor("ArticleText");
  const data = await gql<{ fact: { sources: { article: RawArticle }[] } | null }>(query, { key: factKey }, { signal });
  const found = data.fact?.sources.find((s) => s.article.id === articleId)?.article;
  return found ? { ...found, text: found.text ?? null } : null;
}

export interface IngestInput {
  text?: string;
  html?: string;
  url?: string;
}

export async function ingestArticle(input: IngestInput, apiKey: string, signal?: AbortSignal): Promise<IngestResult> {
  const query = documentFor("Ingest");
  type Answer = {
    ingestArticle:
      | { __typename: "MutationError"; message: string; code: string }
      | { __typename: "IngestSuccess"; article: RawArticle; entities: RawEntity[]; facts: RawFact[] };
  };
  const data = await gql<Answer>(query, { text: input.text ?? null, html: input.html ?? null, url: input.url ?? null }, { signal, apiKey });
  const r = data.ingestArticle;
  if (r.__typename === "MutationError") throw new ApiError(r.code === "NOT_FOUND" ? "notfound" : "input", r.message);
  return { article: { ...r.article, text: r.article.text ?? null }, entities: r.entities.map(toEntity), facts: r.facts.map(toFact), message: null };
}
