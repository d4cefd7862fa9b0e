/**
 * Two builds and a dev server:
 * - `vite build` (library): ES modules per entry with dependencies external, for npm users
 *   (`w4g-calendar/core` runs in plain Node 20).
 * - `vite build --mode bundle`: the self-contained script-tag bundle dist/w4g-calendar.js
 *   (added with the elements).
 * - `vite` (npm start): serves the demo on http://localhost:8080/.
 */
import type { OutputChunk } from 'rolldown';
import { build, defineConfig, type Plugin } from 'vite';

/** `/` opens the demo. */
function demoIndex(): Plugin {
  return {
    name: 'w4g-demo-index',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url === '/' || req.url === '/index.html') {
          res.statusCode = 302;
          res.setHeader('Location', '/demo/');
          res.end();
          return;
        }
        next();
      });
    },
  };
}

/**
 * Squeezes the whitespace out of our own css`...` templates (styles files only) in the
 * script-tag bundle; minifiers leave template literals alone. Our CSS has no strings in
 * which whitespace matters, which a test of the bundle under CSP renders.
 */
function minifyCssTemplates(): Plugin {
  return {
    name: 'w4g-minify-css-templates',
    transform(code, id) {
      if (!/(\.styles\.ts|shared\/(styles|filter-styles|dialog-styles|subscribe|subscribe-panel)\.ts)$/.test(id)) return null;
      const squeezedCode = code.replace(/css`([^`]*)`/g, (_, body: string) => {
        const squeezed = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${squeezed}\``;
      });
      // Only whitespace inside style strings changes: line mappings of the code are kept.
      return { code: squeezedCode, map: null };
    },
  };
}

/**
 * The feed schema as the form reads it (event-form.schema.ts): the string rules of its
 * fields (`maxLength`, `pattern`, also inside `anyOf`) and the `$defs` / `properties` that
 * lead to them. Titles, descriptions, enums and required lists are for validators and
 * editors (the server reads the whole file from disk); in the browser they were 4.8 KB
 * (gzip) of the form's 22. Both builds prune the import, so npm users get the small module.
 */
function pruneFeedSchema(): Plugin {
  const KEEP = new Set(['$defs', 'properties', 'anyOf', 'maxLength', 'pattern']);
  /** `properties` maps field names (any key) to rules; elsewhere only KEEP keys stay. */
  const pruneSchema = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(pruneSchema);
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (!KEEP.has(key)) continue;
      out[key] =
        key === '$defs' || key === 'properties'
          ? Object.fromEntries(Object.entries(child as Record<string, unknown>).map(([k, v]) => [k, pruneSchema(v)]))
          : pruneSchema(child);
    }
    return out;
  };
  return {
    name: 'w4g-prune-feed-schema',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]schema[\\/]feed\.schema\.json$/.test(id.split('?')[0]!)) return null;
      return { code: JSON.stringify(pruneSchema(JSON.parse(code))), map: null };
    },
  };
}

/**
 * Rolldown puts its runtime helper (the module namespace object a dynamic import of a
 * module inside a named chunk needs, 0.15 KB) into a chunk of its own, which the base does
 * not use. Every lazy chunk that needs it (series support, the iCalendar reader, the form)
 * then waited for one more request after its own: on the bench's loopback about 35 ms
 * before series support could run, a round trip on a real network. The helper keeps no
 * state, so each chunk gets its own copy and the runtime chunk is dropped
 * (rolldown/rolldown#2654 asks for this as an option).
 */
function inlineRolldownRuntime(): Plugin {
  return {
    name: 'w4g-inline-rolldown-runtime',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const runtimes = Object.values(bundle).filter(
        (item): item is OutputChunk => item.type === 'chunk' && /(^|-)rolldown-runtime-/.test(item.fileName),
      );
      for (const runtime of runtimes) {
        const exported = /export\s*\{([^}]*)\};?\s*$/.exec(runtime.code);
        if (!exported) throw new Error(`${runtime.fileName}: no export list at its end`);
        // `export{t}` or `export{a as t}`: the names the runtime's code gives its exports.
        const names = exported[1]!.split(',').map((part) => {
          const [local, as = local] = part.trim().split(/\s+as\s+/);
          return { local: local!, exported: as! };
        });
        const body = runtime.code.slice(0, exported.index).replace(/;+\s*$/, '');
        const factory = `(()=>{${body};return{${names.map((n) => `${JSON.stringify(n.exported)}:${n.local}`).join(',')}}})()`;
        const file = runtime.fileName.replace(/[.$*+?^(){}|[\]\\]/g, '\\$&');
        const importOf = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*["'\`]\\./${file}["'\`];?`);
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || chunk === runtime || !chunk.imports.includes(runtime.fileName)) continue;
          const found = importOf.exec(chunk.code);
          if (!found) throw new Error(`${chunk.fileName} imports ${runtime.fileName} in a form this plugin does not know`);
          const bindings = found[1]!.split(',').map((part) => {
            const [imported, local = imported] = part.trim().split(/\s+as\s+/);
            return `${JSON.stringify(imported)}:${local}`;
          });
          chunk.code = `${chunk.code.slice(0, found.index)}var{${bindings.join(',')}}=${factory};${chunk.code.slice(found.index + found[0].length)}`;
          chunk.imports = chunk.imports.filter((name) => name !== runtime.fileName);
        }
        if (Object.values(bundle).some((item) => item.type === 'chunk' && item.code.includes(runtime.fileName)))
          throw new Error(`${runtime.fileName} is still named by a chunk`);
        delete bundle[runtime.fileName];
      }
    },
  };
}

/** A named chunk of the script-tag bundle: the modules `test` accepts. */
interface ChunkGroup {
  name: string;
  test: (id: string) => boolean;
}

/**
 * The script-tag bundle's build options; `groups` (named chunks, the first first) are left
 * out for the probe below.
 */
function bundleBuild(groups?: ChunkGroup[]) {
  return {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    // No source maps for the script-tag bundle: they would name sources (ours and Lit's
    // in node_modules) that a webmaster's copy of dist/ does not have.
    sourcemap: false,
    minify: process.env.W4G_NO_MINIFY ? false : true,
    lib: { entry: { 'w4g-calendar': 'src/w4g-calendar.ts' }, formats: ['es' as const] },
    rollupOptions: {
      // Library mode keeps whitespace even with minify; the script-tag bundle is minified whole.
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'w4g-calendar-[name]-[hash].js',
        // A group takes the modules it names and what they import (unless a group before it
        // took them); everything else is split by who imports it.
        ...(groups
          ? { codeSplitting: { groups: groups.map((g, i) => ({ name: g.name, test: g.test, priority: groups.length - i })) } }
          : {}),
        minify: !process.env.W4G_NO_MINIFY,
      },
    },
  };
}

const BUNDLE_PLUGINS = (): Plugin[] => [minifyCssTemplates(), pruneFeedSchema(), inlineRolldownRuntime()];

/**
 * The modules the entry (list and grid) loads at once: a probe build without named chunks
 * (in memory, about half a second) splits the code by who imports it, after tree shaking;
 * the entry's own modules (list and grid) and the chunks it imports statically hold what
 * the first paint needs. Everything else (the form's code, the directory's, the details
 * view's, the iCalendar reader, the parts of list and grid loaded later) stays where that
 * split puts it.
 */
async function initialModules(): Promise<Set<string>> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    mode: 'bundle',
    plugins: BUNDLE_PLUGINS(),
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { ...bundleBuild(), write: false, minify: false },
  });
  const chunks = new Map<string, OutputChunk>();
  for (const out of Array.isArray(output) ? output : [output]) {
    if (!('output' in out)) continue;
    for (const item of out.output) if (item.type === 'chunk') chunks.set(item.fileName, item);
  }
  const entry = chunks.get('w4g-calendar.js');
  if (!entry) throw new Error('probe build: no w4g-calendar.js');
  const modules = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const chunk = chunks.get(name);
    if (!chunk || seen.has(name)) return;
    seen.add(name);
    for (const id of Object.keys(chunk.modules)) modules.add(id);
    for (const next of chunk.imports) visit(next);
  };
  for (const next of entry.imports) visit(next);
  // List and grid themselves too: the entry keeps only the lazy loader, and one file of
  // everything the first paint needs compresses better than two.
  for (const [id, info] of Object.entries(entry.modules))
    if (info.renderedLength > 0 && id !== entry.facadeModuleId) modules.add(id);
  return modules;
}

/** Entries of the npm build: the elements one by one, all together, and the core. */
const LIBRARY_ENTRIES = {
  index: 'src/index.ts',
  'core/index': 'src/core/index.ts',
  'components/event-list/define': 'src/components/event-list/define.ts',
  'components/month-grid/define': 'src/components/month-grid/define.ts',
  'components/event-details/define': 'src/components/event-details/define.ts',
  'components/association-card/define': 'src/components/association-card/define.ts',
  'components/association-list/define': 'src/components/association-list/define.ts',
  'components/event-form/define': 'src/components/event-form/define.ts',
};

export default defineConfig(async ({ command, mode }) => {
  const base = {
    plugins: command === 'serve' ? [demoIndex()] : [],
    server: { port: Number(process.env.PORT) || 8080, host: '127.0.0.1' },
    preview: { port: Number(process.env.PORT) || 8080, host: '127.0.0.1' },
  };
  if (mode === 'bundle') {
    // The script-tag bundle: everything inlined, minified, lazy parts as chunks beside it.
    // One base chunk holds what list and grid need at once (the two elements, Lit, the parts
    // of the core, shared code and German texts they render with); w4g-calendar.js keeps the
    // lazy loader. Every lazily loaded part (the other elements, the iCalendar reader, series
    // support, JSON-LD, English) stays in chunks by who imports it.
    // (Putting the base into w4g-calendar.js itself would save a round trip, but the lazy
    // chunks would then import "./w4g-calendar.js" without the query string CMSs add for
    // cache busting (WordPress: ?ver=…), and the page would load and run that code twice. A
    // chunk name without a query is loaded once whatever the tag says.)
    const initial = await initialModules();
    return {
      ...base,
      plugins: BUNDLE_PLUGINS(),
      define: { 'process.env.NODE_ENV': '"production"' },
      // Named chunks for the lazily loaded parts of the core (the names are what a look at the
      // network panel, and the CSP test, recognise): series support (rules and iterators,
      // also used by the iCalendar reader) and the iCalendar reader.
      build: bundleBuild([
        { name: 'base', test: (id) => initial.has(id) },
        { name: 'series', test: (id) => /[\\/]src[\\/]core[\\/](series|rrule-value|rrule-iterate|simple-rule)\.ts$/.test(id) },
        { name: 'ics', test: (id) => /[\\/]src[\\/]core[\\/]ics[\\/](?!write)/.test(id) },
      ]),
    };
  }
  return {
    ...base,
    plugins: [...base.plugins, ...(command === 'build' ? [pruneFeedSchema()] : [])],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: true,
      minify: false,
      lib: { entry: LIBRARY_ENTRIES, formats: ['es' as const] },
      rollupOptions: {
        external: [/^lit($|\/)/, /^@lit\//],
        // One output module per source module: each `define.js` keeps its own
        // customElements.define call, so package.json's `sideEffects` (which names the define
        // modules) is true of the files it names. Merged chunks moved those calls into shared
        // chunks that bundlers then dropped as side-effect free (an npm user's production
        // build rendered nothing).
        output: { entryFileNames: '[name].js', preserveModules: true, preserveModulesRoot: 'src' },
      },
    },
  };
});
