/**
 * RFC 5545 section 3.1 and 3.3 on the writing side: TEXT escaping, parameter quoting, value
 * forms of dates, and folding at 75 octets. Folding counts UTF-8 octets and never cuts inside
 * a character, because readers that decode before unfolding (many do) would show U+FFFD.
 */
import { floatToWall, type Wall } from '../time.js';

// eslint-disable-next-line no-control-regex -- control characters are not allowed in TEXT (3.3.11)
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** TEXT value: `\\`, `\;`, `\,`, newlines as `\n`; other control characters dropped. */
export function escapeText(value: string): string {
  return value
    .replace(CONTROL_RE, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A list of TEXT values (CATEGORIES and the X-W4G lists), comma-separated. */
export function escapeTextList(values: readonly string[]): string {
  return values.map(escapeText).join(',');
}

/**
 * A parameter value. RFC 5545 has no escape inside parameters (RFC 6868's `^` is not widely
 * read), so quotes become apostrophes and line breaks spaces; `:;,` force quoting.
 */
export function paramValue(value: string): string {
  const clean = value
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(CONTROL_RE, '')
    .replace(/"/g, "'");
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** A URI value: no escaping exists, so anything that could end the line is removed. */
export function uriValue(value: string): string {
  return value.replace(/[\r\n]/g, '').replace(CONTROL_RE, '');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `20261224` */
export function icsDate(w: Pick<Wall, 'y' | 'mo' | 'd'>): string {
  return `${pad(w.y, 4)}${pad(w.mo)}${pad(w.d)}`;
}

/** `20261224T193000` (a wall time: floating, or with TZID). */
export function icsLocal(w: Wall): string {
  return `${icsDate(w)}T${pad(w.h)}${pad(w.mi)}${pad(w.s)}`;
}

/** `20261224T183000Z` */
export function icsUtc(ms: number): string {
  return `${icsLocal(floatToWall(Math.floor(ms / 1000) * 1000))}Z`;
}

/** UTC offset `+0100`, `-0430`, with seconds `+004430` when a historic offset has them. */
export function icsOffset(minutes: number): string {
  const total = Math.round(Math.abs(minutes) * 60);
  const hhmm = `${minutes < 0 ? '-' : '+'}${pad(Math.floor(total / 3600))}${pad(Math.floor(total / 60) % 60)}`;
  return total % 60 === 0 ? hhmm : `${hhmm}${pad(total % 60)}`;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** One content line folded into physical lines of at most 75 octets, joined by CRLF + space. */
export function foldLine(line: string): string {
  let octets = 0;
  let start = 0;
  let limit = 75;
  const parts: string[] = [];
  for (let i = 0; i < line.length;) {
    const cp = line.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    const size = utf8Length(cp);
    if (octets + size > limit) {
      parts.push(line.slice(start, i));
      start = i;
      octets = 0;
      limit = 74; // the continuation's leading space is one of its 75 octets
    }
    octets += size;
    i += units;
  }
  parts.push(line.slice(start));
  return parts.join('\r\n ');
}

/** Collects content lines and writes them folded, CRLF-terminated. */
export class IcsWriter {
  private readonly lines: string[] = [];

  /** Adds `NAME;PARAMS:value`; `params` are already written (`;TZID=...`). */
  add(name: string, value: string, params = ''): void {
    this.lines.push(`${name}${params}:${value}`);
  }

  /** Adds a TEXT property unless the value is empty. */
  text(name: string, value: string | undefined, params = ''): void {
    if (value !== undefined && value.trim() !== '') this.add(name, escapeText(value), params);
  }

  toString(): string {
    return this.lines.map(foldLine).join('\r\n') + '\r\n';
  }
}
