// Browser tests in Debian's Chromium (never a downloaded browser). The visitor's computer is
// set to America/New_York on purpose: the calendar must show Berlin times regardless.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { countReporter } from './scripts/wtr-count-reporter.js';
import { defaultReporter } from '@web/test-runner';
import { testFeedMiddleware } from './test/feed-middleware.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/chromium.mjs';

export default {
  files: ['src/**/*.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 300_000,
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  middleware: [testFeedMiddleware],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        env: { ...process.env, TZ: 'America/New_York' },
        args: [...CHROMIUM_ARGS, '--lang=en-US'],
      },
    }),
  ],
  testFramework: { config: { timeout: 10_000 } },
  reporters: [defaultReporter(), countReporter(process.env.WTR_COUNT_FILE)],
};
