// The summary grammar of the domain model (schema/types/*.yaml `summary:`), so a
// fact reads as a sentence without the explorer knowing its type:
//   {field}          a field's value
//   {a|b|=text}      the first non-empty of fields a, b, else the literal text
//   [ ... ]          an optional segment, dropped when a field inside it is empty
// Parsing and rendering know nothing of the DOM: the caller says how a value, a
// literal and a missing field look, which keeps this module testable in Node.

/** One parsed part of a template. */
export type Piece =
  | { kind: "text"; text: string }
  | { kind: "field"; fields: string[]; literal: string | null }
  | { kind: "optional"; pieces: Piece[] };

/** How the caller renders each part; ``T`` is a string in tests, a DOM child in views. */
export interface SummaryParts<T> {
  /** The rendered value of a field, or null when the fact has none. */
  value(field: string): T[] | null;
  /** A literal fallback (``=text``) standing in for ``fields``. */
  literal(text: string, fields: readonly string[]): T;
  /** A field outside any optional segment with no value and no fallback. */
  missing(fields: readonly string[]): T[];
  text(text: string): T;
}

const parsed = new Map<string, Piece[]>();

/** The pieces of ``template`` (cached: a template is parsed once per page). */
export function parseTemplate(template: string): Piece[] {
  let pieces = parsed.get(template);
  if (!pieces) {
    pieces = parseFrom(template, 0, false).pieces;
    parsed.set(template, pieces);
  }
  return pieces;
}

/** Every field a template names, in order of first mention. */
export function templateFields(template: string): string[] {
  const out: string[] = [];
  const visit = (pieces: Piece[]): void => {
    for (const piece of pieces) {
      if (piece.kind === "field") for (const name of piece.fields) if (!out.includes(name)) out.push(name);
      if (piece.kind === "optional") visit(piece.pieces);
    }
  };
  visit(parseTemplate(template));
  return out;
}

/**
 * True when the summary shows ``field`` whenever the fact has a value for it: it is
 * the first choice of its braces, and no other field can drop its optional segment.
 * Views use it not to say a value twice (in the sentence and again as a chip).
 */
export function summaryShows(template: string, field: string): boolean {
  const steady = (pieces: Piece[], except: Piece | null): boolean =>
    pieces.every((p) => p === except || p.kind !== "field" || p.literal !== null);
  const check = (pieces: Piece[], inOptional: boolean): boolean =>
    pieces.some((piece) => {
      if (piece.kind === "field") return piece.fields[0] === field && (!inOptional || steady(pieces, piece));
      if (piece.kind === "optional") return (!inOptional || steady(pieces, null)) && check(piece.pieces, true);
      return false;
    });
  return check(parseTemplate(template), false);
}

/** The template filled in through ``parts``. */
export function renderTemplate<T>(template: string, parts: SummaryParts<T>): T[] {
  return renderPieces(parseTemplate(template), parts, false) ?? [];
}

function renderPieces<T>(pieces: Piece[], parts: SummaryParts<T>, optional: boolean): T[] | null {
  const out: T[] = [];
  for (const piece of pieces) {
    if (piece.kind === "text") {
      out.push(parts.text(piece.text));
    } else if (piece.kind === "optional") {
      out.push(...(renderPieces(piece.pieces, parts, true) ?? []));
    } else {
      const found = firstValue(piece.fields, parts);
      if (found) out.push(...found);
      else if (piece.literal !== null) out.push(parts.literal(piece.literal, piece.fields));
      else if (optional) return null; // an empty field drops its whole optional segment
      else out.push(...parts.missing(piece.fields));
    }
  }
  return out;
}

function firstValue<T>(fields: string[], parts: SummaryParts<T>): T[] | null {
  for (const field of fields) {
    const value = parts.value(field);
    if (value && value.length) return value;
  }
  return null;
}

interface Parsed {
  pieces: Piece[];
  /** Index just past the closing "]" of an optional segment, or the template's end. */
  end: number;
  closed: boolean;
}

/**
 * Pieces from ``start`` up to the end of the template, or up to the "]" closing an
 * optional segment when ``inOptional``. Unbalanced brackets and braces stay literal text.
 */
function parseFrom(template: string, start: number, inOptional: boolean): Parsed {
  const pieces: Piece[] = [];
  let text = "";
  const flush = (): void => {
    if (text) pieces.push({ kind: "text", text });
    text = "";
  };
  let i = start;
  while (i < template.length) {
    const char = template[i];
    if (char === "{") {
      const close = template.indexOf("}", i + 1);
      if (close < 0) {
        text += template.slice(i);
        break;
      }
      flush();
      pieces.push(fieldPiece(template.slice(i + 1, close)));
      i = close + 1;
    } else if (char === "[") {
      const inner = parseFrom(template, i + 1, true);
      if (!inner.closed) {
        text += char;
        i += 1;
        continue;
      }
      flush();
      pieces.push({ kind: "optional", pieces: inner.pieces });
      i = inner.end;
    } else if (char === "]" && inOptional) {
      flush();
      return { pieces, end: i + 1, closed: true };
    } else {
      text += char;
      i += 1;
    }
  }
  flush();
  return { pieces, end: template.length, closed: false };
}

/** ``a|b|=text``: field names, then an optional literal after "=" (which may hold "|"). */
function fieldPiece(body: string): Piece {
  const fields: string[] = [];
  let rest = body;
  while (rest !== "" && !rest.startsWith("=")) {
    const bar = rest.indexOf("|");
    const name = (bar < 0 ? rest : rest.slice(0, bar)).trim();
    if (name) fields.push(name);
    if (bar < 0) {
      rest = "";
      break;
    }
    rest = rest.slice(bar + 1);
  }
  return { kind: "field", fields, literal: rest.startsWith("=") ? rest.slice(1) : null };
}
