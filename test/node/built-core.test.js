// The built `w4g-calendar/core` in plain Node 20 (no tsx, no bundler): the package's own
// exports map, ESM, rrule and luxon resolved as a consumer would.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('built ./core', () => {
  it('has been built with types', () => {
    assert.ok(existsSync(new URL('../../dist/core/index.js', import.meta.url)), 'run npm run build first');
    assert.ok(existsSync(new URL('../../dist/types/core/index.d.ts', import.meta.url)));
  });

  it('imports in plain Node and expands a Berlin series', () => {
    const script = `
      import { parseIcs, expandOccurrences, parseJsonFeed, FeedStore } from 'w4g-calendar/core';
      const ics = parseIcs('BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nUID:g\\r\\nDTSTART;TZID=W. Europe Standard Time:20261018T100000\\r\\nRRULE:FREQ=WEEKLY;COUNT=3\\r\\nSUMMARY:Gottesdienst\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR');
      const json = parseJsonFeed({ events: [{ id: 'j', title: 'J', start: '2026-10-20' }] });
      const occ = expandOccurrences([...ics.events, ...json.events], { start: '2026-10-01', end: '2026-11-30' });
      console.log(JSON.stringify({ starts: occ.map((o) => o.start), store: typeof FeedStore }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'Asia/Tokyo', NODE_OPTIONS: '' },
    });
    assert.deepEqual(JSON.parse(out), {
      starts: ['2026-10-18T10:00:00+02:00', '2026-10-20', '2026-10-25T10:00:00+01:00', '2026-11-01T10:00:00+01:00'],
      store: 'function',
    });
  });

  it('does not pull in the DOM or Lit', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import * as core from 'w4g-calendar/core'; console.log(Object.keys(core).length, typeof globalThis.document)",
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    assert.match(out, /^\d+ undefined/);
  });
});
