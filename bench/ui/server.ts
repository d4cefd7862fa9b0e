/**
 * The bench's web server: node:http on 127.0.0.1 (random port), everything from memory so a
 * concurrent `npm run build` cannot change files under a running bench. No compression
 * (loopback; the server shares the 2 cores with Chromium) and `Cache-Control: no-store`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticFile {
  body: Buffer;
  type: string;
}

export type PageRenderer = (path: string) => string | undefined;

export interface BenchServer {
  origin: string;
  close(): Promise<void>;
}

export function contentType(name: string): string {
  if (name.endsWith('.js')) return 'text/javascript; charset=utf-8';
  if (name.endsWith('.json')) return 'application/json; charset=utf-8';
  if (name.endsWith('.ics')) return 'text/calendar; charset=utf-8';
  if (name.endsWith('.html')) return 'text/html; charset=utf-8';
  if (name.endsWith('.css')) return 'text/css; charset=utf-8';
  return 'application/octet-stream';
}

/** Serves `files` by exact path (query ignored) and pages from `render`. */
export async function startServer(files: Map<string, StaticFile>, render: PageRenderer): Promise<BenchServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const file = files.get(path);
    const page = file ? undefined : render(path);
    const body = file ? file.body : page !== undefined ? Buffer.from(page) : undefined;
    if (!body) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': file ? file.type : contentType('.html'),
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'Access-Control-Allow-Origin': '*',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
