/**
 * Rate limits: a fixed window per client and limit, in this process's memory, on the injected
 * clock. One limiter can cover several routes (the whole admin area shares one), which
 * @fastify/rate-limit's per-route stores could not. With several instances each counts its own
 * clients (docs/server.md: the limits are per instance).
 */
import { isIPv6 } from 'node:net';
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';

export interface Verdict {
  allowed: boolean;
  /** Seconds until the window of this client ends. */
  retryAfter: number;
}

/** The client an address stands for: IPv6 clients get a whole /64, as providers hand out. */
export function clientKey(ip: string): string {
  if (!isIPv6(ip) || ip.startsWith('::ffff:')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export class WindowLimiter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => Date,
    /** Clients remembered at most; the oldest windows are dropped first. */
    private readonly capacity = 50_000,
  ) {}

  /** Counts one request of `key`. */
  hit(key: string): Verdict {
    const now = this.now().getTime();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      this.windows.delete(key);
      window = { count: 0, endsAt: now + this.windowMs };
      this.windows.set(key, window);
      this.trim(now);
    }
    window.count++;
    return { allowed: window.count <= this.max, retryAfter: Math.max(1, Math.ceil((window.endsAt - now) / 1000)) };
  }

  private trim(now: number): void {
    if (this.windows.size <= this.capacity) return;
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now || this.windows.size > this.capacity) this.windows.delete(key);
      if (this.windows.size <= this.capacity / 2) break;
    }
  }
}

/** An onRequest hook that counts every request against `limiter` and answers 429 beyond it. */
export function limitHook(limiter: WindowLimiter, message: string): onRequestHookHandler {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const verdict = limiter.hit(clientKey(request.ip));
    if (verdict.allowed) return done();
    void reply
      .code(429)
      .header('Retry-After', String(verdict.retryAfter))
      .send({ error: message, retryAfter: verdict.retryAfter });
  };
}
