/**
 * RFC 5545 section 3.1: content lines. Bytes are unfolded before they are decoded, because
 * generators fold at 75 octets and may split a multi-byte UTF-8 character across the fold.
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

/**
 * True when some fold sits inside a multi-byte UTF-8 character (the byte before the line
 * break is not ASCII and the byte after the fold's whitespace is a continuation byte). Only
 * then must unfolding happen on bytes; otherwise decoding first is the same and faster.
 */
function hasSplitCharacter(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) {
    const next = bytes[i + 1];
    if (next !== SP && next !== TAB) continue;
    const before = bytes[i - 1] === CR ? bytes[i - 2] : bytes[i - 1];
    const after = bytes[i + 2];
    if (before !== undefined && before >= 0x80 && after !== undefined && (after & 0xc0) === 0x80) return true;
  }
  // Old Mac files break lines with a bare CR; leave those to the byte path.
  return bytes.indexOf(LF) < 0 && bytes.indexOf(CR) >= 0;
}

function decode(body: Uint8Array): { text: string; fallbackEncoding?: string } {
  try {
    utf8 ??= new TextDecoder('utf-8', { fatal: true });
    return { text: utf8.decode(body) };
  } catch {
    cp1252 ??= new TextDecoder('windows-1252');
    return { text: cp1252.decode(body), fallbackEncoding: 'windows-1252' };
  }
}

/** Unfolds decoded text: physical lines are split natively, continuations joined. */
function unfoldText(text: string, fallbackEncoding: string | undefined): UnfoldedText {
  const physical = text.split(/\r\n|\n|\r/);
  const lines: string[] = [];
  const lineNumbers: number[] = [];
  for (let i = 0; i < physical.length; i++) {
    const line = physical[i]!;
    const c = line.charCodeAt(0);
    if ((c === SP || c === TAB) && lines.length > 0) {
      lines[lines.length - 1] += line.slice(1);
    } else {
      lines.push(line);
      lineNumbers.push(i + 1);
    }
  }
  return fallbackEncoding ? { lines, lineNumbers, fallbackEncoding } : { lines, lineNumbers };
}

/** Splits input into unfolded logical lines (CRLF, bare LF or bare CR), dropping a BOM. */
export function unfold(input: string | Uint8Array | ArrayBuffer): UnfoldedText {
  if (typeof input === 'string') return unfoldText(input.replace(/^\uFEFF/, ''), undefined);
  const raw = toBytes(input);
  const start = raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? 3 : 0;
  if (!hasSplitCharacter(raw)) {
    const { text, fallbackEncoding } = decode(raw.subarray(start));
    return unfoldText(text, fallbackEncoding);
  }
  return unfoldBytes(raw);
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

/** Property names repeat in every component: validate and upper-case each spelling once. */
const names = new Map<string, string | null>();

function upperName(raw: string): string | undefined {
  let name = names.get(raw);
  if (name === undefined) {
    name = NAME_RE.test(raw) ? raw.toUpperCase() : null;
    if (names.size < 10_000) names.set(raw, name);
  }
  return name ?? undefined;
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
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 59 /* ; */ || c === 58 /* : */) break;
    i++;
  }
  if (i === n || i === 0) return undefined;
  const name = upperName(text.slice(0, i));
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
    const values: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        const close = text.indexOf('"', i + 1);
        if (close < 0) return undefined;
        values.push(text.slice(i + 1, close));
        i = close + 1;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 59 || c === 58 || c === 44) break;
          j++;
        }
        values.push(text.slice(i, j));
        i = j;
      }
      if (text.charCodeAt(i) === 44 /* , */) {
        i++;
        continue;
      }
      break;
    }
    if (pname) params[pname] = values.join(',');
  }
  if (text.charCodeAt(i) !== 58) return undefined;
  return { name, params, value: text.slice(i + 1), line };
}

/** RFC 5545 section 3.3.11: `\n`, `\N`, `\,`, `\;`, `\\`. Unknown escapes keep the character. */
export function unescapeText(value: string): string {
  if (!value.includes('\\')) return value;
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits a TEXT list (CATEGORIES, RESOURCES) on unescaped commas, then unescapes. */
export function splitTextList(value: string): string[] {
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
