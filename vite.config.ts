/**
 * Two builds and a dev server:
 * - `vite build` (library): ES modules per entry with dependencies external, for npm users
 *   (`w4g-calendar/core` runs in plain Node 20).
 * - `vite build --mode bundle`: the self-contained script-tag bundle dist/w4g-calendar.js
 *   (added with the elements).
 * - `vite` (npm start): serves the demo on http://localhost:8080/.
 */
import { defineConfig, type Plugin } from 'vite';

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
      if (!/(\.styles\.ts|shared\/(styles|filter-styles|dialog-styles)\.ts)$/.test(id)) return null;
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

export default defineConfig(({ command, mode }) => {
  const base = {
    plugins: command === 'serve' ? [demoIndex()] : [],
    server: { port: Number(process.env.PORT) || 8080, host: '127.0.0.1' },
    preview: { port: Number(process.env.PORT) || 8080, host: '127.0.0.1' },
  };
  if (mode === 'bundle') {
    // The script-tag bundle: everything inlined, minified, lazy parts as chunks beside it.
    return {
      ...base,
      plugins: [minifyCssTemplates()],
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
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
            // One chunk for what list and grid need (Lit, the core, shared code), one for the
            // iCalendar reader and writer; every other element stays a chunk of its own.
            // (Putting the shared code into w4g-calendar.js itself would save a round trip, but
            // the lazy chunks would then import "./w4g-calendar.js" without the query string
            // CMSs add for cache busting (WordPress: ?ver=…), and the page would load and run
            // that code twice. A chunk name without a query is loaded once whatever the tag says.)
            manualChunks(id: string) {
              if (/[\\/]src[\\/]core[\\/]ics[\\/]/.test(id)) return 'ics';
              if (/node_modules|[\\/]src[\\/](core|shared|i18n)[\\/]/.test(id)) return 'base';
              return undefined;
            },
            minify: !process.env.W4G_NO_MINIFY,
          },
        },
      },
    };
  }
  return {
    ...base,
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
