// The floor of bench:server: the feed's bytes as a static file, served by Fastify with
// @fastify/static and nothing else (no logging, no hooks). Usage: node floor.mjs <dir> <port>
import { fastifyStatic } from '@fastify/static';
import { fastify } from 'fastify';

const [root, port] = process.argv.slice(2);
const app = fastify({ logger: false });
await app.register(fastifyStatic, { root, prefix: '/' });
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
