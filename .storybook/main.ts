/**
 * Storybook for the w4g elements: `npm run storybook` (dev server on port 6006) and
 * `npm run build-storybook` (static site in storybook-static/). Both regenerate
 * custom-elements.json first; preview.ts hands it to Storybook for the docs tables.
 *
 * Nothing leaves the machine: telemetry and the "what's new" feed are off, the sample feeds
 * are served from stories/feeds at /feeds, and no web fonts are loaded.
 */
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { mergeConfig } from 'vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: {
    name: '@storybook/web-components-vite',
    options: {
      builder: {
        // The project's vite.config.ts builds the npm library and redirects `/` to the demo;
        // Storybook gets a config of its own instead.
        viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
      },
    },
  },
  staticDirs: [{ from: '../stories/feeds', to: '/feeds' }],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Storybook's own preview bundle is about 1.1 MB; that is expected, not a warning.
  viteFinal: (viteConfig) => mergeConfig(viteConfig, { build: { chunkSizeWarningLimit: 1500 } }),
};

export default config;
