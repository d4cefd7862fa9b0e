/**
 * The stories' stand-in server, so that every state can be shown from a static Storybook.
 * Requests to `…/__story/…` on the page's own origin are answered here; every other request
 * goes to the browser's fetch untouched (Storybook's own files, the sample feeds in /feeds).
 *
 * - `__story/never/<anything>`: never answers (and ignores aborts), so a widget stays in its
 *   first load for good: the loading skeleton.
 * - `__story/status/<code>/<anything>`: answers with that HTTP status (404 for the error state).
 * - `__story/stale/<key>/<feed path>`: the real feed the first time, 503 afterwards. A story
 *   loads it once before rendering (see stories/support.ts), so the widget's own request is
 *   a failed refresh: old data with the "could not be updated" notice.
 * - `__story/submissions/<code>`: the event form's endpoint. 201/202 accept with an id,
 *   422 refuses with German field messages, 429 asks to wait, anything else is an error.
 */
export const STORY_PATH = '__story/';

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

const STATUS_TEXT: Record<number, string> = {
  201: 'Created',
  202: 'Accepted',
  404: 'Not Found',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function statusOf(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 200 && n <= 599 ? n : fallback;
}

function errorResponse(status: number): Response {
  return new Response(`${status} ${STATUS_TEXT[status] ?? ''}`.trim(), {
    status,
    statusText: STATUS_TEXT[status] ?? '',
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText: STATUS_TEXT[status] ?? '',
    headers: { ...JSON_HEADERS, ...headers },
  });
}

/** What the submissions endpoint of docs/server.md would answer. */
function submissionResponse(status: number, method: string): Response {
  if (method !== 'POST') return jsonResponse(405, { error: 'Nur POST ist erlaubt.' }, { Allow: 'POST' });
  if (status === 201 || status === 202) return jsonResponse(status, { id: 'storybook-0001', status: 'pending' });
  if (status === 422) {
    return jsonResponse(422, {
      errors: {
        title: 'Ein Termin mit diesem Titel wurde für diesen Tag schon eingereicht.',
        'location.address': 'Bitte geben Sie die Adresse mit Postleitzahl an.',
      },
    });
  }
  if (status === 429) {
    return jsonResponse(
      429,
      { error: 'Sie haben zu viele Termine in kurzer Zeit eingereicht.', retryAfter: 600 },
      { 'Retry-After': '600' },
    );
  }
  return jsonResponse(status, { error: 'Interner Fehler. Bitte versuchen Sie es später noch einmal.' });
}

const INSTALLED = Symbol.for('w4g-calendar.storybook-fetch');

/** Puts the stand-in in front of `fetch` (once per page, also across hot reloads). */
export function installStoryFetch(): void {
  const holder = globalThis as { [INSTALLED]?: boolean };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  const realFetch = globalThis.fetch.bind(globalThis);
  /** `stale` URLs already answered once (with the real feed). */
  const answered = new Set<string>();

  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const href = input instanceof Request ? input.url : String(input);
    const url = new URL(href, document.baseURI);
    const at = url.pathname.indexOf(`/${STORY_PATH}`);
    if (url.origin !== location.origin || at < 0) return realFetch(input, init);
    const base = url.pathname.slice(0, at + 1);
    const [kind, first, ...rest] = url.pathname.slice(at + 1 + STORY_PATH.length).split('/');
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    switch (kind) {
      case 'never':
        return new Promise<Response>(() => undefined);
      case 'status':
        return Promise.resolve(errorResponse(statusOf(first, 500)));
      case 'stale': {
        if (answered.has(url.href)) return Promise.resolve(errorResponse(503));
        answered.add(url.href);
        return realFetch(new URL(`${base}${rest.join('/')}`, url.origin).href, init);
      }
      case 'submissions':
        return Promise.resolve(submissionResponse(statusOf(first, 500), method));
      default:
        return Promise.resolve(errorResponse(404));
    }
  };
}
