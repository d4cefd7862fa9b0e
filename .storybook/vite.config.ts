/**
 * Storybook's Vite config. The repository's vite.config.ts is a library build (lib entries,
 * external dependencies, a dev-server redirect to /demo/) that Storybook has no use for.
 *
 * TypeScript (with the legacy decorators of tsconfig.json) is transformed by Vite itself,
 * which reads the nearest tsconfig.json; stories/ and .storybook/ are in its `include`.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  // Storybook takes only build.target from a project's config (see viteFinal in main.ts).
  build: { target: 'es2022' },
  optimizeDeps: {
    // The dev server pre-bundles dependencies. Every Lit entry point goes into one bundle,
    // including lit/directive-helpers.js that Storybook's renderer imports; otherwise a second
    // copy of lit-html is served ("Multiple versions of Lit loaded").
    include: [
      'lit',
      'lit/directive-helpers.js',
      'lit/directives/if-defined.js',
      'lit/directives/live.js',
      'lit/directives/repeat.js',
      'lit/static-html.js',
      '@lit/task',
      'luxon',
    ],
  },
});
