// Writes the framework typings of the npm package from custom-elements.json (run by
// `npm run build`, after tsc wrote dist/types):
//   w4g-calendar/react   JSX.IntrinsicElements of React 19 (properties, attributes, onw4g-* handlers)
//   w4g-calendar/preact  the same for Preact
//   w4g-calendar/vue     Vue's GlobalComponents (props and @w4g-* listeners in templates)
//   w4g-calendar/svelte  Svelte's SvelteHTMLElements
// Each is a declaration file plus an empty ES module, so `import 'w4g-calendar/react'` and
// `import type {} from 'w4g-calendar/react'` both work. Nothing here is written by hand: a new
// attribute, property or event in an element's JSDoc reaches every framework with the manifest.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const HEADER = '// Generated from custom-elements.json by scripts/framework-types.mjs. Do not edit.\n';

/** The public elements of the manifest: tag, class, properties, attributes and events. */
export function elementsOf(manifest) {
  const elements = [];
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.tagName) continue;
      const fields = (d.members ?? []).filter(
        (m) => m.kind === 'field' && !m.static && !m.readonly && (m.privacy ?? 'public') === 'public' && !m.name.startsWith('_'),
      );
      const properties = [...new Set(fields.map((m) => m.name))].sort();
      // Attributes whose name is not already a property name (`time-zone` beside `timeZone`).
      const attributes = (d.attributes ?? [])
        .filter((a) => a.name && !properties.includes(a.name))
        .map((a) => ({ name: a.name, type: attributeType(a.type?.text) }));
      const events = (d.events ?? [])
        .filter((e) => e.name?.startsWith('w4g-'))
        .map((e) => ({ name: e.name, type: e.type?.text && /^W4g\w+Event$/.test(e.type.text) ? e.type.text : 'CustomEvent' }));
      elements.push({ tag: d.tagName, className: d.name, properties, attributes, events });
    }
  }
  return elements.sort((a, b) => (a.tag < b.tag ? -1 : 1));
}

/** What an attribute accepts as markup: booleans as booleans, everything else as text. */
function attributeType(text = '') {
  const parts = text.split('|').map((t) => t.trim());
  if (parts.includes('boolean')) return 'boolean';
  if (parts.includes('number')) return 'number | string';
  return 'string';
}

const camel = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const quote = (name) => `'${name}'`;

function imports(elements) {
  const names = new Set();
  for (const e of elements) {
    names.add(e.className);
    for (const ev of e.events) if (ev.type !== 'CustomEvent') names.add(ev.type);
  }
  return `import type { ${[...names].sort().join(', ')} } from '../index.js';\n`;
}

/** `Partial<Pick<Class, 'a' | 'b'>>` and the extra attribute names with their markup types. */
function ownProps(e) {
  const picked = e.properties.length ? `Partial<Pick<${e.className}, ${e.properties.map(quote).join(' | ')}>>` : '{}';
  const attrs = e.attributes.map((a) => `${quote(a.name)}?: ${a.type};`).join(' ');
  return attrs ? `${picked} & { ${attrs} }` : picked;
}

/** `'onw4g-load'?: (event: W4gLoadEvent) => void;` for JSX runtimes that bind `on<event name>`. */
function jsxHandlers(e) {
  return e.events.map((ev) => `${quote(`on${ev.name}`)}?: (event: ${ev.type}) => void;`).join(' ');
}

function jsxFile(elements, { module, base }) {
  let out = HEADER + imports(elements);
  if (module === 'react') out += "import type { DetailedHTMLProps, HTMLAttributes } from 'react';\n";
  if (module === 'preact') out += "import type { HTMLAttributes } from 'preact';\n";
  out += `\ndeclare module '${module}' {\n  namespace JSX {\n    interface IntrinsicElements {\n`;
  for (const e of elements) {
    out += `      ${quote(e.tag)}: ${base(e.className)} &\n        ${ownProps(e)} & { ${jsxHandlers(e)} };\n`;
  }
  return out + '    }\n  }\n}\n';
}

function vueFile(elements) {
  let out =
    HEADER +
    imports(elements) +
    "import type { DefineComponent } from 'vue';\n\ndeclare module 'vue' {\n  interface GlobalComponents {\n";
  for (const e of elements) {
    // `@w4g-load` in a template is the listener prop `onW4gLoad`.
    const handlers = e.events.map((ev) => `on${camel(`-${ev.name}`)}?: (event: ${ev.type}) => void;`).join(' ');
    out += `    ${quote(e.tag)}: DefineComponent<${ownProps(e)} & { ${handlers} }>;\n`;
  }
  return out + '  }\n}\n';
}

function svelteFile(elements) {
  let out = HEADER + imports(elements) + "import type { HTMLAttributes } from 'svelte/elements';\n\n";
  out += "declare module 'svelte/elements' {\n  interface SvelteHTMLElements {\n";
  for (const e of elements) {
    out += `    ${quote(e.tag)}: HTMLAttributes<${e.className}> &\n      ${ownProps(e)} & { ${jsxHandlers(e)} };\n`;
  }
  return out + '  }\n}\n';
}

export function frameworkFiles(manifest) {
  const elements = elementsOf(manifest);
  return {
    react: jsxFile(elements, { module: 'react', base: (c) => `DetailedHTMLProps<HTMLAttributes<${c}>, ${c}>` }),
    preact: jsxFile(elements, { module: 'preact', base: (c) => `HTMLAttributes<${c}>` }),
    vue: vueFile(elements),
    svelte: svelteFile(elements),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const typesDir = join(root, 'dist/types/frameworks');
  const jsDir = join(root, 'dist/frameworks');
  mkdirSync(typesDir, { recursive: true });
  mkdirSync(jsDir, { recursive: true });
  for (const [name, text] of Object.entries(frameworkFiles(manifest))) {
    writeFileSync(join(typesDir, `${name}.d.ts`), text);
    writeFileSync(join(jsDir, `${name}.js`), `// Types only: see ../types/frameworks/${name}.d.ts.\nexport {};\n`);
  }
}
