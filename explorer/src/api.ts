// The explorer's only way to the data: POST /graphql (and links to /export).
// Errors are sorted into kinds so each view can say what happened in words.

import { keyHeaders, readKey } from "./key";

export type ErrorKind = "network" | "unavailable" | "notfound" | "input" | "auth" | "server";

export class ApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

export interface RequestOptions {
  signal?: AbortSignal;
  apiKey?: string;
}


/** Run one GraphQL operation; resolves with ``data`` or rejects with an ApiError. */
export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    Accept: "application/json",
    ...keyHeaders(options.apiKey || readKey()),
  };
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError("network", "The BlocGraph API did not answer. Is the server running?");
  }
  return readResponse<T>(response);
}

async function readResponse<T>(response: Response): Promise<T> {
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(statusKind(response.status), `The API answered ${response.status} without data.`);
  }
  const errors = body.errors ?? [];
  const fatal = errors.find((e) => isFatal(e)) ?? (body.data ? undefined : errors[0]);
  if (fatal) throw toApiError(fatal, response.status);
  if (!response.ok) throw new ApiError(statusKind(response.status), `The API answered ${response.status}.`);
  if (body.data === undefined || body.data === null) throw new ApiError("server", "The API sent no data.");
  // A nested field that failed leaves a gap, not a blank page; the reason is logged.
  if (errors.length) console.warn("BlocGraph API: partial answer", errors.map((e) => e.message));
  return body.data;
}

/** Errors that make the whole answer unusable: a failed top-level field, no store, no access. */
function isFatal(error: GraphQLError): boolean {
  const code = String(error.extensions?.code ?? "").toUpperCase();
  return code === "STORE_UNAVAILABLE" || code === "UNAUTHENTICATED" || !error.path || error.path.length <= 1;
}

function statusKind(status: number): ErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "notfound";
  if (status === 503) return "unavailable";
  if (status >= 400 && status < 500) return "input";
  return "server";
}

const CODE_KINDS: Record<string, ErrorKind> = {
  STORE_UNAVAILABLE: "unavailable",
  UNAVAILABLE: "unavailable",
  SERVICE_UNAVAILABLE: "unavailable",
  NOT_FOUND: "notfound",
  BAD_USER_INPUT: "input",
  INPUT_ERROR: "input",
  INVALID_INPUT: "input",
  UNAUTHENTICATED: "auth",
  FORBIDDEN: "auth",
  AUTH_ERROR: "auth",
};

function toApiError(error: GraphQLError, status: number): ApiError {
  const code = String(error.extensions?.code ?? "").toUpperCase();
  const kind = CODE_KINDS[code] ?? guessKind(error.message, status);
  return new ApiError(kind, error.message);
}

function guessKind(message: string, status: number): ErrorKind {
  const text = message.toLowerCase();
  if (text.includes("unavailable") || text.includes("neo4j")) return "unavailable";
  if (text.includes("not found") || text.startsWith("no entity")) return "notfound";
  if (text.includes("api key") || text.includes("unauthori")) return "auth";
  return status >= 500 ? "server" : "input";
}

/** What to tell the reader for an error, in a sentence. */
export function explain(error: unknown): { title: string; detail: string } {
  if (!(error instanceof ApiError)) {
    return { title: "Something went wrong", detail: error instanceof Error ? error.message : String(error) };
  }
  switch (error.kind) {
    case "network":
      return { title: "The API is not reachable", detail: error.message };
    case "unavailable":
      return {
        title: "The graph database is unavailable",
        detail: `Neo4j did not answer, so nothing can be read right now. Start it with "blocgraph neo4j start" and retry. (${error.message})`,
      };
    case "notfound":
      return { title: "Not found", detail: error.message };
    case "auth":
      return { title: "Not allowed", detail: `${error.message} Enter an API key below; it is kept for this tab only.` };
    case "input":
      return { title: "The request was refused", detail: error.message };
    default:
      return { title: "The API failed", detail: error.message };
  }
}
