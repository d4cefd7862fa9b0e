/**
 * The URL allow-list: what it lets through and what it refuses, and that its fast path for
 * plain http(s) URLs gives exactly what the WHATWG URL parser gives (fast-check, fixed seed).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mailtoUrl, safeUrl } from '../../src/core/index.js';

/** The allow-list decided by the parser alone: the behaviour the fast path must keep. */
function byParser(value: string, kind: 'link' | 'image' | 'contact', base?: string): string | undefined {
  const trimmed = value.trim();
  // eslint-disable-next-line no-control-regex -- control characters are refused
  if (!trimmed || trimmed.length > 2048 || /[\u0000-\u001f\u007f]/.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return undefined;
  }
  const allowed = kind === 'contact' ? ['http:', 'https:', 'mailto:', 'tel:'] : ['http:', 'https:'];
  if (!allowed.includes(url.protocol)) return undefined;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname) return undefined;
  return url.href;
}

describe('safeUrl', () => {
  test('keeps http(s) and refuses script and data URLs', () => {
    assert.equal(safeUrl('https://www.aschersleben.de/kultur/'), 'https://www.aschersleben.de/kultur/');
    assert.equal(safeUrl('HTTPS://WWW.Aschersleben.DE'), 'https://www.aschersleben.de/');
    assert.equal(safeUrl('javascript:alert(1)'), undefined);
    assert.equal(safeUrl(' jav\tascript:alert(1)'), undefined);
    assert.equal(safeUrl('data:text/html,<script>alert(1)</script>', 'image'), undefined);
    assert.equal(safeUrl('/relativ'), undefined);
    assert.equal(
      safeUrl('/relativ', 'link', 'https://kalender.example.org/api/events.json'),
      'https://kalender.example.org/relativ',
    );
    assert.equal(safeUrl('mailto:info@example.org'), undefined);
    assert.equal(safeUrl('mailto:info@example.org', 'contact'), 'mailto:info@example.org');
  });

  test('normalizes what the parser normalizes, also where the fast path might be tempted', () => {
    const cases = [
      'https://a.de/x/../y',
      'https://a.de/x/%2e%2E/y',
      'https://a.de/./y',
      'https://a.de:443/y',
      'http://a.de:80/y',
      'https://127.1/y',
      'https://a.0x10/y',
      'https://xn--mnchen-3ya.de/y',
      'https://user@a.de/y',
      "https://a.de/y?q='x'",
      'https://a.de/y z',
      'https://a.de/%zz',
      'https://a.de\\y',
      'https://a.de',
    ];
    for (const value of cases) assert.equal(safeUrl(value), byParser(value, 'link'), value);
  });

  test('gives the parser answer for generated plain-looking http(s) URLs (the fast path)', () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,8}$/);
    const host = fc
      .tuple(fc.array(label, { maxLength: 3 }), fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/))
      .map(([ls, last]) => [...ls, last].join('.'));
    const segment = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9\-._~!$&()*+,;=:@]{0,8}$/),
      fc.constantFrom('.', '..', '%2e', '%2E%2e', '%41', '%', '%g1', "'", 'ä', ' '),
    );
    const tail = fc.stringMatching(/^[A-Za-z0-9\-._~!$&()*+,;=:@/?%']{0,10}$/);
    const url = fc
      .tuple(
        fc.constantFrom('https://', 'http://'),
        host,
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        fc.option(tail),
        fc.option(tail),
      )
      .map(
        ([scheme, h, segments, query, fragment]) =>
          `${scheme}${h}/${segments.join('/')}${query === null ? '' : `?${query}`}${fragment === null ? '' : `#${fragment}`}`,
      );
    fc.assert(
      fc.property(url, (value) => {
        assert.equal(safeUrl(value), byParser(value, 'link'), value);
      }),
      { seed: 20_261_123, numRuns: 20_000 },
    );
  });

  test('gives the parser answer for generated URL-like strings (fast path included)', () => {
    const piece = fc.constantFrom(
      'a',
      'Z',
      '0',
      '-',
      '.',
      '..',
      '/',
      '//',
      '%',
      '%2e',
      '%41',
      '?',
      '#',
      ':',
      '@',
      '!',
      "'",
      '~',
      '_',
      '+',
      '=',
      '&',
      ' ',
      '\\',
      '[',
      ']',
      'xn--',
      '80',
      'de',
      'B',
    );
    const url = fc
      .tuple(
        fc.constantFrom('https://', 'http://', 'HTTP://', 'ftp://', ''),
        fc.array(piece, { maxLength: 12 }),
        fc.constantFrom('/', '', '/x/'),
        fc.array(piece, { maxLength: 12 }),
      )
      .map(([scheme, host, sep, rest]) => `${scheme}${host.join('')}${sep}${rest.join('')}`);
    fc.assert(
      fc.property(
        url,
        fc.constantFrom('link', 'image', 'contact') as fc.Arbitrary<'link' | 'image' | 'contact'>,
        (value, kind) => {
          assert.equal(safeUrl(value, kind), byParser(value, kind), value);
        },
      ),
      { seed: 20_261_122, numRuns: 20_000 },
    );
  });
});

describe('mailtoUrl', () => {
  test('one recipient only: an address carrying mailto parameters is no address', () => {
    assert.equal(mailtoUrl('info@example.org'), 'mailto:info@example.org');
    assert.equal(mailtoUrl(' mailto:kultur@aschersleben.example '), 'mailto:kultur@aschersleben.example');
    for (const hostile of [
      'info?cc=boss@example.org&subject=Hallo@example.org',
      'info@example.org?subject=Hallo',
      'info@example.org&cc=boss@example.org',
      'in%40fo@example.org',
      'info@example.org#x',
      'info/../x@example.org',
    ]) {
      assert.equal(mailtoUrl(hostile), undefined, hostile);
    }
  });
});
