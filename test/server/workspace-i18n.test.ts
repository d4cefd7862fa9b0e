/**
 * The workspace's table of texts (/common/workspace-i18n.js): every key the page (`data-i18n`,
 * `data-i18n-label`) and its modules (`t('…')`) name exists in German and in English, so no
 * raw key ever shows; German dates stay DIN 5008, English ones follow the table's convention.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';

const dir = (path: string) => fileURLToPath(new URL(`../../src/server/${path}`, import.meta.url));

// The module runs in the browser: the few globals it touches, as plain objects.
const storage = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) },
  document: { documentElement: {}, title: '', querySelectorAll: () => [], dispatchEvent: () => true },
  CustomEvent: class extends Event {},
});
const i18n = (await import(dir('common/workspace-i18n.js'))) as {
  t: (key: string, vars?: Record<string, unknown>) => string;
  setLang: (lang: string) => void;
  formatDay: (value: string, allDay?: boolean) => string;
  formatWall: (value: string) => string;
};

/** Every key the page and the workspace's modules use. */
function usedKeys(): Set<string> {
  const keys = new Set<string>();
  const html = readFileSync(dir('workspace/index.html'), 'utf8');
  for (const m of html.matchAll(/data-i18n(?:-label)?="([^"]+)"/g)) keys.add(m[1]!);
  for (const file of readdirSync(dir('workspace')).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(dir(`workspace/${file}`), 'utf8');
    // t('key'), and the keys chosen by a condition: t(x ? 'a' : 'b').
    for (const call of code.matchAll(/\bt\(([^()]*?)(?:,|\))/g)) {
      for (const m of call[1]!.matchAll(/'([\w.-]+\.[\w.-]+)'/g)) keys.add(m[1]!);
    }
  }
  return keys;
}

describe('workspace texts', () => {
  const keys = usedKeys();

  test('the page and its modules name their texts (Meine Termine, Einstellungen, sign-in among them)', () => {
    for (const key of [
      'events.heading',
      'events.newHeading',
      'scope.this',
      'settings.heading',
      'signin.sent',
      'edit.headingOf',
    ]) {
      assert.ok(keys.has(key), key);
    }
  });

  test('every key exists in German and in English', () => {
    for (const lang of ['de', 'en']) {
      i18n.setLang(lang);
      const missing = [...keys].filter((key) => i18n.t(key) === key);
      assert.deepEqual(missing, [], `missing in ${lang}`);
    }
    i18n.setLang('de');
    const german = [...keys].map((key) => i18n.t(key));
    i18n.setLang('en');
    const same = [...keys].filter((key, n) => i18n.t(key) === german[n] && !/^(requests\.website|queue\.clash)$/.test(key));
    i18n.setLang('de');
    assert.deepEqual(same, [], 'English texts that are still German');
  });

  test('dates: DIN 5008 in German, the table’s ISO style in English, in Berlin time', () => {
    i18n.setLang('de');
    assert.equal(i18n.formatDay('2027-03-24T19:00:00+01:00'), 'Mi., 24.03.2027, 19:00 Uhr');
    assert.equal(i18n.formatDay('2027-03-24', true), 'Mi., 24.03.2027');
    assert.equal(i18n.formatDay('2026-10-25T01:30:00Z'), 'So., 25.10.2026, 02:30 Uhr', 'after the end of summer time');
    assert.equal(i18n.formatWall('2026-12-12T19:30'), '12.12.2026, 19:30 Uhr');
    assert.equal(i18n.t('scope.date', { title: 'Chor', when: 'x' }), '„Chor“ am x');
    i18n.setLang('en');
    assert.equal(i18n.formatDay('2027-03-24T19:00:00+01:00'), 'Wed, 2027-03-24, 19:00');
    assert.equal(i18n.formatDay('2027-03-24', true), 'Wed, 2027-03-24');
    assert.equal(i18n.formatWall('2026-12-12T19:30'), '2026-12-12, 19:30');
    assert.equal(i18n.t('scope.date', { title: 'Choir', when: 'x' }), '“Choir” on x');
    i18n.setLang('de');
  });
});
