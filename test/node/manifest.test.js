// custom-elements.json is generated from the elements' JSDoc and committed for CMS plugin
// authors: regenerate it and fail when the committed file is out of date.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const committed = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));

/** The analyzer lists modules in the order its file reads finish; compare them by path. */
function normalized(manifest) {
  return { ...manifest, modules: [...manifest.modules].sort((a, b) => a.path.localeCompare(b.path)) };
}

function elements(manifest) {
  return manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName));
}

describe('custom-elements.json', () => {
  it('is what the analyzer makes from the current sources (run npm run analyze after changing JSDoc)', () => {
    const out = mkdtempSync(join(tmpdir(), 'w4g-cem-'));
    execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--outdir', relative(root, out)], { cwd: root, stdio: 'pipe' });
    const fresh = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));
    assert.deepEqual(normalized(fresh), normalized(committed));
  });

  it('documents every element with its tag, summary, attributes, parts and public events', () => {
    const byTag = new Map(elements(committed).map((d) => [d.tagName, d]));
    assert.deepEqual([...byTag.keys()].sort(), [
      'w4g-association-card',
      'w4g-association-list',
      'w4g-event-details',
      'w4g-event-form',
      'w4g-event-list',
      'w4g-month-grid',
    ]);
    for (const [tag, d] of byTag) {
      assert.ok(d.summary, `${tag} has a summary`);
      assert.ok((d.cssParts ?? []).length > 0, `${tag} documents its parts`);
      for (const attribute of d.attributes ?? []) assert.ok(attribute.description, `${tag}[${attribute.name}] is described`);
    }
    const list = byTag.get('w4g-event-list');
    for (const name of [
      'src',
      'town',
      'category',
      'organizer',
      'audience',
      'q',
      'locale',
      'time-zone',
      'from',
      'to',
      'limit',
      'filters',
    ]) {
      assert.ok(
        list.attributes.some((a) => a.name === name),
        `w4g-event-list documents ${name}`,
      );
    }
    assert.deepEqual(
      byTag
        .get('w4g-month-grid')
        .events.map((e) => e.name)
        .sort(),
      ['w4g-day-select', 'w4g-error', 'w4g-event-select', 'w4g-load', 'w4g-range-change'],
    );
  });
});
