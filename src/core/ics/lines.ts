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
let encoder: TextEncoder | undefined;

function toBytes(input: string | Uint8Array | ArrayBuffer): Uint8Array {
  if (typeof input === 'string') {
    encoder ??= new TextEncoder();
    return encoder.encode(input);
  }
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

/** Splits input into unfolded logical lines (CRLF, bare LF or bare CR), dropping a BOM. */
export function unfold(input: string | Uint8Array | ArrayBuffer): UnfoldedText {
  const bytes = toBytes(input);
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
  const body = out.subarray(0, o);
  let text: string;
  let fallbackEncoding: string | undefined;
  try {
    utf8 ??= new TextDecoder('utf-8', { fatal: true });
    text = utf8.decode(body);
  } catch {
    cp1252 ??= new TextDecoder('windows-1252');
    text = cp1252.decode(body);
    fallbackEncoding = 'windows-1252';
  }
  const lines = text.split('\n');
  return fallbackEncoding ? { lines, lineNumbers, fallbackEncoding } : { lines, lineNumbers };
}

const NAME_RE = /^[A-Za-z0-9-]+$/;

/**
 * Parses `NAME;PARAM=value;PARAM="quoted:value":value`. Returns undefined for a line that is
 * not a content line (garbage), which the caller reports.
 */
export function parseContentLine(text: string, line: number): ContentLine | undefined {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 59 /* ; */ || c === 58 /* : */) break;
    i++;
  }
  if (i === n || i === 0) return undefined;
  const name = text.slice(0, i);
  if (!NAME_RE.test(name)) return undefined;
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
  return { name: name.toUpperCase(), params, value: text.slice(i + 1), line };
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
