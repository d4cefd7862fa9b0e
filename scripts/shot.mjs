// Dev helper: screenshot a URL in Debian's Chromium. node scripts/shot.mjs <url> <out.png> [width] [--dark] [--forced]
import { launchChromium } from './lib/chromium.mjs';

const [url, out, width = '1100', ...flags] = process.argv.slice(2);
const browser = await launchChromium();
const page = await browser.newPage({
  viewport: { width: Number(width), height: 900 },
  colorScheme: flags.includes('--dark') ? 'dark' : 'light',
  forcedColors: flags.includes('--forced') ? 'active' : 'none',
  timezoneId: 'America/New_York',
});
const errors = [];
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
page.on('pageerror', (e) => errors.push(String(e)));
await page.goto(url, { waitUntil: 'networkidle' });
await page.waitForTimeout(500);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
if (errors.length) {
  console.error(errors.join('\n'));
  process.exit(1);
}
