// custom-elements.json for CMS plugin authors and Storybook: read from the elements' JSDoc.
// A test regenerates it and fails when the committed file is out of date (npm run analyze).
import { posix } from 'node:path';

/** `src/a/b.ts`, `/src/a/b.js` or `./c.js` (relative to the module `from`) -> `dist/a/c.js`. */
function toDist(path, from) {
  const resolved = path.startsWith('.') && from ? posix.join(posix.dirname(from), path) : path.replace(/^\//, '');
  return resolved.replace(/^src\/(.*)\.(ts|js)$/, 'dist/$1.js');
}

export default {
  globs: ['src/components/**/*.ts', 'src/shared/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  // package.json names the file itself; the sync test writes to a temporary folder.
  packagejson: false,
  plugins: [
    {
      // The analyzer also lists dispatches it cannot name (an event object passed on) and
      // internal plain events; the public events are the documented w4g-* ones.
      name: 'w4g-public-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          // Paths name the JavaScript modules the package ships (dist/ mirrors src/), as the
          // manifest schema asks, not the TypeScript sources.
          const source = mod.path;
          mod.path = toDist(source);
          for (const e of mod.exports ?? []) {
            if (e.declaration?.module) e.declaration.module = toDist(e.declaration.module, source);
          }
          for (const d of mod.declarations ?? []) {
            if (d.superclass?.module) d.superclass.module = toDist(d.superclass.module);
            for (const m of [...(d.members ?? []), ...(d.attributes ?? []), ...(d.events ?? [])]) {
              if (m.inheritedFrom?.module) m.inheritedFrom.module = toDist(m.inheritedFrom.module);
            }
          }
          for (const declaration of mod.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((e) => e.name?.startsWith('w4g-'));
            // The analyzer reads every entry of `static properties` as an attribute, also the
            // internal reactive state (`state: true`). Private and protected fields are never
            // attributes here: the public API is the public fields.
            const internal = new Set(
              (declaration.members ?? [])
                .filter((m) => m.kind === 'field' && m.privacy && m.privacy !== 'public')
                .map((m) => m.name),
            );
            if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !internal.has(a.fieldName));
            for (const m of declaration.members ?? []) if (internal.has(m.name)) delete m.attribute;
          }
        }
      },
    },
  ],
};
