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

export default defineConfig(({ command }) => ({
  plugins: command === 'serve' ? [demoIndex()] : [],
  server: { port: Number(process.env.PORT) || 8080, host: '127.0.0.1' },
  preview: { port: Number(process.env.PORT) || 8080, host: '127.0.0.1' },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    minify: false,
    lib: {
      entry: { 'core/index': 'src/core/index.ts' },
      formats: ['es'],
    },
    rollupOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^rrule($|\/)/, /^luxon($|\/)/],
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
}));
