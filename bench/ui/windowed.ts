/**
 * The real server for the windowed scenarios of bench/ui.bench.ts: src/server with SQLite in
 * a temporary folder, no sample data, one source (the bench's static 20,000-event feed),
 * loopback allowed for the hub, CORS for the bench pages' origin, logging at warn. It runs in
 * the bench's process (its render worker is a thread of its own), as `npm run serve` would
 * run it beside a site.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../../src/server/server.js';

export interface WindowedServer {
  origin: string;
  /** Events in the probe window's answer. */
  probeEvents: number;
  close(): Promise<void>;
}

/**
 * Starts the server on `upstream` and waits until it answers the probe window. Resolves to
 * a reason instead when the server answers without a `window` field (it cannot serve views).
 */
export async function startWindowedServer(
  upstream: string,
  pageOrigin: string,
  probe: { start: string; end: string },
): Promise<WindowedServer | { unavailable: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'w4g-bench-ui-'));
  const server = await createServer({
    logger: false,
    config: {
      seed: false,
      database: join(dir, 'w4g.sqlite'),
      logLevel: 'warn',
      cors: { origins: [pageOrigin] },
      hub: { allowHosts: ['127.0.0.1'] },
      sources: [{ id: 'bench', url: upstream, refreshMinutes: 600 }],
    },
  });
  const close = async (): Promise<void> => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const origin = (await server.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
    await server.hub.refreshAll();
    const url = `${origin}/api/events.json?start=${probe.start}&end=${probe.end}`;
    for (let i = 0; i < 600; i++) {
      const response = await fetch(url, { headers: { Origin: pageOrigin } });
      const body = (await response.json()) as { events?: unknown[]; window?: unknown };
      if (response.ok && body.events && body.events.length > 0) {
        if (!body.window) {
          await close();
          return { unavailable: 'the server answers the whole feed, not a window (no `window` field)' };
        }
        return { origin, probeEvents: body.events.length, close };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the server did not serve the source feed within 60 s');
  } catch (error) {
    await close();
    throw error;
  }
}
