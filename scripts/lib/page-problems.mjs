// What the browser tests watch on every page they open: console errors, uncaught exceptions,
// the URLs requested, and Content-Security-Policy violations (collected in the page itself,
// because Chromium reports them there and not to the automation).

/**
 * Starts watching `page` before it navigates. `requestsOf` is the page or its browser
 * context (a context also sees the requests of dialogs and workers).
 */
export async function watchProblems(page, requestsOf = page) {
  const problems = [];
  const requests = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${String(e)}`));
  requestsOf.on('request', (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return {
    problems,
    requests,
    /** The CSP violations the page has seen so far. */
    violations: () => page.evaluate(() => window.__violations ?? []),
  };
}
