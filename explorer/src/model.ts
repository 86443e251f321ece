// What the views work with: plain shapes the data layer (data.ts) fills from
// GraphQL answers, so a change in the API's field names touches one file.

export interface Entity {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  country: string | null;
  countryName: string | null;
  bloc: string | null;
  blocName: string | null;
  description: string | null;
}

export interface Participant {
  role: string;
  field: string;
  id: string;
  name: string;
  type: string;
  lead: boolean;
  /** The participant's bloc, where the query asked for it. */
  bloc?: string | null;
  blocName?: string | null;
}

export interface Source {
  factKey: string;
  articleId: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  published: string | null;
  source: string | null;
  evidence: string | null;
  start: number | null;
  end: number | null;
  confidence: number | null;
  values: Record<string, unknown>;
}

export interface Fact {
  key: string;
  type: string;
  date: string | null;
  amount: number | null;
  currency: string | null;
  valuation: number | null;
  round: string | null;
  role: string | null;
  program: string | null;
  /** Every attribute by its model field name, for what the model describes generically (summaries). */
  attributes: Record<string, unknown>;
  participants: Participant[];
  conflict: boolean;
  conflicts: string[];
  sourceCount: number;
  sources: Source[] | null;
}

export interface Step {
  key: string;
  type: string;
  date: string | null;
  amount: number | null;
  currency: string | null;
  amountUsd: number | null;
  from: string;
  to: string;
  sources: Source[];
}

export interface DependencyPath {
  channel: string;
  bloc: string | null;
  country: string;
  via: string;
  counterpart: string | null;
  weight: number;
  share: number;
  undated: boolean;
  steps: Step[];
}

export interface ChannelScore {
  channel: string;
  score: number;
  paths: DependencyPath[];
}

export interface BlocScore {
  bloc: string;
  name: string;
  score: number;
  channels: ChannelScore[];
}

export interface ChannelSummary {
  name: string;
  weight: number;
  effectiveWeight: number;
  links: number;
  unattributed: number;
}

export interface Dependency {
  entityId: string;
  name: string;
  type: string;
  asOf: string | null;
  blocs: BlocScore[];
  channels: ChannelSummary[];
}

export interface Bloc {
  id: string;
  name: string;
}

export interface MatrixRow {
  id: string;
  name: string;
  country: string | null;
  scores: number[];
}

export interface Matrix {
  asOf: string | null;
  blocs: Bloc[];
  rows: MatrixRow[];
}

export interface Subgraph {
  center: Entity;
  entities: Entity[];
  facts: Fact[];
  truncated: boolean;
}

export interface Path {
  entities: Entity[];
  facts: Fact[];
}

export interface TimelineEntry {
  when: string | null;
  datedBy: string | null;
  fact: Fact;
}

export interface Article {
  id: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  published: string | null;
  source: string | null;
  text: string | null;
}

export interface Page<T> {
  items: T[];
  endCursor: string | null;
  hasNext: boolean;
}

export interface IngestResult {
  article: Article | null;
  entities: Entity[];
  facts: Fact[];
  message: string | null;
}
