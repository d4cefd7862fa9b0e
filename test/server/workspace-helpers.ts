/** Signing in as the workspace does it, through a real SMTP server: request a link, open it, press "Anmelden". */
import assert from 'node:assert/strict';
import { request, type Answer } from './helpers.js';
import { linkIn, type Inbox } from './smtp.js';

export interface Session {
  cookie: string;
  csrf: string;
  /** A workspace request with the session's cookie and (for writes) its CSRF token and Origin. */
  call(path: string, options?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Answer>;
}

/** The token of a sign-in (or invitation) link in the next mail to `email`. */
export async function linkFor(url: string, inbox: Inbox, email: string): Promise<string> {
  const asked = await request(`${url}/api/auth/link`, { method: 'POST', body: { email } });
  assert.equal(asked.status, 202);
  const mail = await inbox.next(email, (m) => (m.text ?? '').includes('/redaktion/anmelden?token='));
  return linkIn(mail, '/redaktion/anmelden?token=');
}

/** Completes a sign-in with the link's token (the button's POST); returns the session. */
export async function complete(url: string, link: string, path = '/redaktion/anmelden'): Promise<Session> {
  const token = new URL(link).searchParams.get('token')!;
  const done = await request(`${url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: url },
    body: `token=${token}`,
  });
  assert.equal(done.status, 303, done.text);
  const cookie = String(done.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  return session(url, cookie);
}

export async function session(url: string, cookie: string): Promise<Session> {
  const me = await request(`${url}/api/me`, { headers: { Cookie: cookie } });
  assert.equal(me.status, 200, me.text);
  const csrf = me.json.csrfToken as string;
  return {
    cookie,
    csrf,
    call(path, options = {}) {
      const method = options.method ?? 'GET';
      const headers: Record<string, string> = { Cookie: cookie, ...options.headers };
      if (method !== 'GET') {
        headers['X-CSRF-Token'] ??= csrf;
        headers['Origin'] ??= url;
      }
      return request(`${url}${path}`, { method, headers, ...(options.body !== undefined ? { body: options.body } : {}) });
    },
  };
}

export async function signIn(url: string, inbox: Inbox, email: string): Promise<Session> {
  return complete(url, await linkFor(url, inbox, email));
}
