// Every GraphQL document the explorer sends, as plain strings: fragments are
// appended where used, so each operation stays small (the API limits depth,
// aliases and tokens). tests/explorer/test_queries.py checks each one against
// the API's schema and limits, so a renamed field fails a test, not a page.

export const FRAGMENTS: Record<string, string> = {
  E: `fragment E on Entity { id name type aliases country description home { iso name } bloc { id name } }`,
  ES: `fragment ES on Entity { id name type country bloc { id name } }`,
  S: `fragment S on Source { evidence start end confidence values article { id title url outlet published source } }`,
  F: `fragment F on Fact { key type conflict conflicts sourceCount attributes participants { role field id name type lead } }`,
  FS: `fragment FS on Fact { ...F sources { ...S } }`,
  FB: `fragment FB on Fact { key type conflict conflicts sourceCount attributes
    participants { role field id name type lead entity { bloc { id name } } } sources { ...S } }`,
};

export const OPERATIONS = {
  Search: `query Search($text: String!, $types: [EntityType!], $first: Int!, $after: String) {
    search(text: $text, types: $types, first: $first, after: $after) { nodes { entity { ...E } } pageInfo { endCursor hasNextPage } } }`,
  Entity: `query Entity($id: ID!) { entity(id: $id) { ...E } }`,
  EntityFacts: `query EntityFacts($id: ID!, $after: String) { entity(id: $id) { ...E
    facts(first: 100, after: $after) { nodes { ...FS } pageInfo { endCursor hasNextPage } } } }`,
  EntityIds: `query EntityIds($type: EntityType, $country: String, $after: String) {
    entities(type: $type, country: $country, first: 100, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }`,
  Blocs: `query Blocs { blocs { id name } }`,
  Model: `query Model { model {
    factTypes { code title plural description order headline dated listing summary edge { source target label style }
      fields { name type list participant } }
    entityTypes { name title plural } channels { name label hint weight factTypes } } }`,
  Dependency: `query Dependency($entity: ID!, $asOf: String) { dependency(entity: $entity, asOf: $asOf) {
    asOf entity { id name type } channels { name weight effectiveWeight links unattributed }
    blocs { bloc { id name } score channels { channel score paths { channel bloc country via counterpart { id } weight share undated
      steps { key type date amount currency amountUsd from to sources { ...S } fact { participants { id name } } } } } } } }`,
  Matrix: `query Matrix($type: EntityType!, $asOf: String, $after: String) {
    dependencyMatrix(type: $type, asOf: $asOf, first: 100, after: $after) {
      asOf blocs { id name } rows { entity { id name country } scores { bloc { id } score } } pageInfo { endCursor hasNextPage } } }`,
  Neighbourhood: `query Neighbourhood($entity: ID!, $hops: Int!) {
    neighbourhood(entity: $entity, hops: $hops) { truncated center { ...ES } entities { ...ES } facts { ...FS } } }`,
  Paths: `query Paths($from: ID!, $to: ID!, $maxHops: Int!) {
    paths(from: $from, to: $to, maxHops: $maxHops) { entities { ...ES } facts { ...FS } } }`,
  Timeline: `query Timeline($entity: ID!, $after: String) { timeline(entity: $entity, first: 100, after: $after) {
    nodes { when datedBy fact { ...FS } } pageInfo { endCursor hasNextPage } } }`,
  Facts: `query Facts($type: FactType!, $participants: [FieldFilter!], $bloc: ID, $from: String, $to: String,
    $minAmount: Float, $first: Int!, $after: String) {
    facts(type: $type, participants: $participants, bloc: $bloc, from: $from, to: $to, minAmount: $minAmount,
      first: $first, after: $after) { nodes { ...FB } pageInfo { endCursor hasNextPage } } }`,
  Conflicts: `query Conflicts($first: Int!) { conflicts(first: $first) {
    nodes { fact { ...F } sources { ...S } } pageInfo { endCursor hasNextPage } } }`,
  ArticleText: `query ArticleText($key: ID!) { fact(key: $key) { sources { article { id title url outlet published source text } } } }`,
  Ingest: `mutation Ingest($text: String, $html: String, $url: String) { ingestArticle(text: $text, html: $html, url: $url) {
    __typename ... on MutationError { message code }
    ... on IngestSuccess { article { id title url outlet published source text } entities { ...ES } facts { ...FS } } } }`,
};

export type OperationName = keyof typeof OPERATIONS;

/** The operation with the fragments it spreads, directly or through other fragments. */
export function documentFor(name: OperationName): string {
  const needed: string[] = [];
  const visit = (text: string): void => {
    for (const match of text.matchAll(/\.\.\.([A-Z][A-Za-z]*)/g)) {
      const fragment = match[1];
      if (!FRAGMENTS[fragment] || needed.includes(fragment)) continue;
      needed.push(fragment);
      visit(FRAGMENTS[fragment]);
    }
  };
  const operation = OPERATIONS[name];
  visit(operation);
  return [operation, ...needed.map((f) => FRAGMENTS[f])].join("\n");
}
