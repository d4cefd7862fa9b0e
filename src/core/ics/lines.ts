/**
 * RFC 5545 section 3.1: content lines. Generators fold at 75 octets and may split a
 * multi-byte UTF-8 character across the fold: such bytes are unfolded before they are decoded.
 */

export interface ContentLine {
  /** Upper-cased property name, e.g. `DTSTART`. */
  name: string;
  /** Upper-cased parameter names; values unquoted, several values joined with ",". */
  params: Record<string, string>;
  value: string;
  /** 1-based physical line where the logical line starts. */
  line: number;
}

export interface UnfoldedText {
  lines: string[];
  /** Physical line number of each logical line. */
  lineNumbers: number[];
  /** Set when the bytes were not UTF-8 and were read as Windows-1252. */
  fallbackEncoding?: string;
}

const CR = 13;
const LF = 10;
const SP = 32;
const TAB = 9;

let utf8: TextDecoder | undefined;
let cp1252: TextDecoder | undefined;
function toBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

/** Called with each unfolded logical line and the physical line number where it starts. */
export type LineVisitor = (text: string, line: number) => void;

/**
 * Decoded text is cut into pieces of about this many bytes, at line breaks. Not more: once a
 * decoded piece is a large object for V8 (a two-byte string of 64 Ki characters), Node's
 * TextDecoder takes about eight times as long per byte.
 */
const CHUNK = 64 * 1024;

/** Where the decoded pieces end: just after an LF, the last at the end of the bytes. */
function cutsOf(bytes: Uint8Array, from: number): number[] {
  const cuts: number[] = [];
  for (let i = bytes.indexOf(LF, from + CHUNK); i >= 0; i = bytes.indexOf(LF, i + 1 + CHUNK)) cuts.push(i + 1);
  if (cuts[cuts.length - 1] !== bytes.length) cuts.push(bytes.length);
  return cuts;
}

/** Some CR is not followed by LF (old Mac files, or such breaks mixed into a file). */
const BARE_CR = /\r(?!\n)/;

function decode(body: Uint8Array): { text: string; fallbackEncoding?: string } {
  try {
    utf8 ??= new TextDecoder('utf-8', { fatal: true });
    return { text: utf8.decode(body) };
  } catch {
    cp1252 ??= new TextDecoder('windows-1252');
    return { text: cp1252.decode(body), fallbackEncoding: 'windows-1252' };
  }
}

/**
 * Visits the logical lines of pieces that break lines with LF or CRLF only (no bare CR); each
 * piece but the last ends just after an LF. A line starting with a space or a tab continues
 * the one before it (RFC 5545 section 3.1). `piece(k)` gives piece k when it is reached, so
 * a piece nothing keeps a part of dies young; undefined (the piece could not be decoded)
 * stops the visit, and then the answer is false.
 */
function visitPieces(count: number, piece: (k: number) => string | undefined, visit: LineVisitor): boolean {
  let pending: string | undefined;
  let pendingLine = 0;
  let physical = 0;
  const last = count - 1;
  for (let k = 0; k <= last; k++) {
    const text = piece(k);
    if (text === undefined) return false;
    const n = text.length;
    let pos = 0;
    for (;;) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) {
        if (k < last) break;
        nl = n;
      }
      physical++;
      const end = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
      const c = text.charCodeAt(pos);
      if ((c === SP || c === TAB) && pending !== undefined) {
        pending += text.slice(pos + 1, end);
      } else {
        if (pending !== undefined) visit(pending, pendingLine);
        pending = text.slice(pos, end);
        pendingLine = physical;
      }
      if (nl >= n) break;
      pos = nl + 1;
    }
  }
  if (pending !== undefined) visit(pending, pendingLine);
  return true;
}

/** Visits the lines of decoded text: physical lines are split natively, continuations joined. */
function visitText(text: string, visit: LineVisitor): void {
  if (!BARE_CR.test(text)) {
    visitPieces(1, () => text, visit);
    return;
  }
  const physical = text.split(/\r\n|\n|\r/);
  let pending: string | undefined;
  let pendingLine = 0;
  for (let i = 0; i < physical.length; i++) {
    const line = physical[i]!;
    const c = line.charCodeAt(0);
    if ((c === SP || c === TAB) && pending !== undefined) {
      pending += line.slice(1);
    } else {
      if (pending !== undefined) visit(pending, pendingLine);
      pending = line;
      pendingLine = i + 1;
    }
  }
  if (pending !== undefined) visit(pending, pendingLine);
}

/** What a visit of the lines found out about the bytes. */
export interface LinesRead {
  /** Set when the bytes were not UTF-8 and were read in this encoding. */
  fallbackEncoding?: string;
  /**
   * Some lines were visited before the bytes proved to need reading byte by byte (see
   * forEachLine): visit again from the start, with `bytePath` set.
   */
  retry?: true;
}

/**
 * Calls `visit` with each unfolded logical line (CRLF, bare LF or bare CR), a BOM dropped.
 * Bytes are read as UTF-8, else as Windows-1252.
 *
 * UTF-8 bytes with LF or CRLF breaks are decoded in pieces cut at line breaks, each when its
 * lines are reached: pieces of 64 KiB decode several times faster than one large string in
 * V8, and a piece of plain ASCII becomes a one-byte string.
 * Bytes with bare CRs (found in each decoded piece: one search of the text, where the bytes
 * would need one per line), bytes that are not UTF-8 and folds inside a multi-byte character
 * (a piece then fails to decode) are unfolded byte by byte first (`bytePath`); when that
 * shows only after some lines were visited, the answer is `retry`.
 */
export function forEachLine(input: string | Uint8Array | ArrayBuffer, visit: LineVisitor, bytePath = false): LinesRead {
  if (typeof input === 'string') {
    visitText(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, visit);
    return {};
  }
  const raw = toBytes(input);
  const start = raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? 3 : 0;
  if (!bytePath) {
    const cuts = cutsOf(raw, start);
    const decoder = (utf8 ??= new TextDecoder('utf-8', { fatal: true }));
    let reached = 0;
    const piece = (k: number): string | undefined => {
      reached = k;
      let text: string;
      try {
        text = decoder.decode(raw.subarray(k === 0 ? start : cuts[k - 1], cuts[k]));
      } catch {
        return undefined;
      }
      return BARE_CR.test(text) ? undefined : text;
    };
    if (visitPieces(cuts.length, piece, visit)) return {};
    if (reached > 0) return { retry: true };
  }
  const { lines, lineNumbers, fallbackEncoding } = unfoldBytes(raw);
  for (let i = 0; i < lines.length; i++) visit(lines[i]!, lineNumbers[i]!);
  return fallbackEncoding ? { fallbackEncoding } : {};
}

/** Splits input into unfolded logical lines (CRLF, bare LF or bare CR), dropping a BOM. */
export function unfold(input: string | Uint8Array | ArrayBuffer): UnfoldedText {
  const lines: string[] = [];
  const lineNumbers: number[] = [];
  const visit: LineVisitor = (text, line) => {
    lines.push(text);
    lineNumbers.push(line);
  };
  let read = forEachLine(input, visit);
  if (read.retry) {
    lines.length = 0;
    lineNumbers.length = 0;
    read = forEachLine(input, visit, true);
  }
  const { fallbackEncoding } = read;
  return fallbackEncoding ? { lines, lineNumbers, fallbackEncoding } : { lines, lineNumbers };
}

function unfoldBytes(bytes: Uint8Array): UnfoldedText {
  const n = bytes.length;
  let i = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const out = new Uint8Array(n - i);
  let o = 0;
  let physical = 1;
  const lineNumbers = [1];
  while (i < n) {
    const b = bytes[i]!;
    if (b === CR || b === LF) {
      const breakLength = b === CR && bytes[i + 1] === LF ? 2 : 1;
      const next = bytes[i + breakLength];
      physical++;
      if (next === SP || next === TAB) {
        // A fold: drop the break and the one whitespace character that follows it.
        i += breakLength + 1;
        continue;
      }
      out[o++] = LF;
      lineNumbers.push(physical);
      i += breakLength;
      continue;
    }
    out[o++] = b;
    i++;
  }
  const { text, fallbackEncoding } = decode(out.subarray(0, o));
  const lines = text.split('\n');
  return fallbackEncoding ? { lines, lineNumbers, fallbackEncoding } : { lines, lineNumbers };
}

const NAME_RE = /^[A-Za-z0-9-]+$/;

/** Shared by the many properties without parameters; never mutated. */
const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Property names repeat in every component: validate and upper-case each spelling once, and
 * keep the name as the engine keeps a property key (one shared copy, "internalized" in V8),
 * so that the readers' many look-ups by name compare references instead of characters.
 */
const names = new Map<string, string | null>();

function upperName(raw: string): string | undefined {
  let name = names.get(raw);
  if (name === undefined) {
    name = NAME_RE.test(raw) ? asKey(raw.toUpperCase()) : null;
    if (names.size < 10_000) names.set(own(raw), name);
  }
  return name ?? undefined;
}

/**
 * Spellings of names seen by a hash of their characters: a line whose name is one of them
 * (almost every line) finds it without cutting the name out of the line and hashing that.
 * A spelling whose hash another one took first is always looked up the long way.
 */
const byHash = new Map<number, { raw: string; name: string | undefined }>();

/** The name of a line that ends at `end`, `hash` being the hash of its characters. */
function nameAt(text: string, end: number, hash: number): string | undefined {
  const known = byHash.get(hash);
  if (known && known.raw.length === end && text.startsWith(known.raw)) return known.name;
  const raw = text.slice(0, end);
  const name = upperName(raw);
  if (!known && byHash.size < 10_000) byHash.set(hash, { raw: own(raw), name });
  return name;
}

function asKey(name: string): string {
  return Object.keys({ [name]: 0 })[0] ?? name;
}

/**
 * Parses `NAME;PARAM=value;PARAM="quoted:value":value`. Returns undefined for a line that is
 * not a content line (garbage), which the caller reports.
 */
export const SKIPPED: ContentLine = Object.freeze({ name: '', params: NO_PARAMS, value: '', line: 0 }) as ContentLine;

/**
 * Parses a content line. With `wanted`, a well-formed line whose name is not wanted comes
 * back as SKIPPED without its parameters and value being read (most lines of a big feed
 * are properties nobody shows: DTSTAMP, TRANSP, X-MICROSOFT-...).
 */
export function parseContentLine(text: string, line: number, wanted?: (name: string) => boolean): ContentLine | undefined {
  let i = 0;
  let hash = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 59 /* ; */ || c === 58 /* : */) break;
    hash = (Math.imul(hash, 31) + c) | 0;
    i++;
  }
  if (i === n || i === 0) return undefined;
  const name = nameAt(text, i, hash);
  if (name === undefined) return undefined;
  if (wanted && !wanted(name)) return SKIPPED;
  if (text.charCodeAt(i) === 58) return { name, params: NO_PARAMS, value: text.slice(i + 1), line };
  const params: Record<string, string> = {};
  while (text.charCodeAt(i) === 59) {
    i++;
    const eq = text.indexOf('=', i);
    if (eq < 0) return undefined;
    const pname = text.slice(i, eq).trim().toUpperCase();
    i = eq + 1;
    // Several values are joined with ",".
    let joined: string | undefined;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        const close = text.indexOf('"', i + 1);
        if (close < 0) return undefined;
        value = text.slice(i + 1, close);
        i = close + 1;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 59 || c === 58 || c === 44) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      joined = joined === undefined ? value : `${joined},${value}`;
      if (text.charCodeAt(i) === 44 /* , */) {
        i++;
        continue;
      }
      break;
    }
    if (pname) params[pname] = own(joined);
  }
  if (text.charCodeAt(i) !== 58) return undefined;
  return { name, params, value: text.slice(i + 1), line };
}

/**
 * Values of the file being read, for the events that repeat them to share one copy (a place,
 * an organizer, a title, a category: big feeds repeat few of them thousands of times). Set
 * by the reader for one read only, so nothing is kept from one file to the next.
 */
let shared: Map<string, string> | undefined;

export function shareValues(on: boolean): void {
  shared = on ? new Map() : undefined;
}

/**
 * `own` for values many events may repeat: a value met before in this read is that copy.
 * `fresh` says the value was made while reading (unescaped) and needs no copy of its own.
 */
export function ownShared(value: string, fresh = false): string {
  if (!shared) return fresh ? value : own(value);
  const seen = shared.get(value);
  if (seen !== undefined) return seen;
  const copy = fresh ? value : own(value);
  if (shared.size < 20_000) shared.set(copy, copy);
  return copy;
}

/**
 * A copy of a value that no longer points into the decoded piece of the file it was cut
 * from: what an event keeps goes through here (values a reader only looks at need not). V8
 * cuts a string of 13 or more characters as a view into its parent; a view kept by an event
 * keeps the whole piece alive (about 128 KiB, two bytes a character once it holds one
 * character beyond Latin-1), and the garbage collector copies every piece twice on its way to
 * the old generation. Joining two parts and trimming makes one flat copy (trim flattens and,
 * with nothing to trim, answers the flat string); a value with white space at an end is rare
 * and stays a view. Parameter values are copied as they are read (few, and kept by caches).
 */
export function own(value: string): string {
  if (value.length < 13) return value;
  const copy = (value.slice(0, 1) + value.slice(1)).trim();
  return copy.length === value.length ? copy : value;
}

/** RFC 5545 section 3.3.11: `\n`, `\N`, `\,`, `\;`, `\\`. Unknown escapes keep the character. */
export function unescapeText(value: string): string {
  let at = value.indexOf('\\');
  if (at < 0) return value;
  let out = '';
  let from = 0;
  while (at >= 0 && at + 1 < value.length) {
    const c = value.charCodeAt(at + 1);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      // A backslash before a line terminator is kept as it is.
      at = value.indexOf('\\', at + 1);
      continue;
    }
    out += value.slice(from, at) + (c === 110 /* n */ || c === 78 /* N */ ? '\n' : value[at + 1]!);
    from = at + 2;
    at = value.indexOf('\\', from);
  }
  return out + value.slice(from);
}

/** Splits a TEXT list (CATEGORIES, RESOURCES) on unescaped commas, then unescapes. */
export function splitTextList(value: string): string[] {
  if (!value.includes('\\')) {
    // Usually every item is already trimmed and none is empty: the split list is the answer,
    // and it is exactly as long as it needs to be (a list grown by push keeps spare room).
    const items = value.split(',');
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (!item || item.trim() !== item) return items.map((p) => ownShared(p.trim())).filter((p) => p);
      items[i] = ownShared(item);
    }
    return items;
  }
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      current += c + value[i + 1]!;
      i++;
    } else if (c === ',') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.map((p) => unescapeText(p).trim()).filter((p) => p.length > 0);
}
