/**
 * The server as a program (`w4g-calendar-server`, `npm start`): settings from the environment
 * and the config file (docs/server.md). SIGINT / SIGTERM shut it down gracefully: open requests
 * finish (stalled ones are cut after timeouts.shutdownSeconds), the hub stops, the database is
 * closed (SQLite's WAL checkpointed).
 */
import { ConfigError, loadConfig } from './config.js';
import { DatabaseStartError } from './db/dialect.js';
import { createServer } from './server.js';
import { DEMO_ACCOUNTS } from './db/accounts.js';

async function main(): Promise<void> {
  const { config, file, adminToken, databaseUrl, smtpUrl, adminEmail } = loadConfig();
  const server = await createServer({
    config,
    ...(adminToken ? { adminToken } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(smtpUrl ? { smtpUrl } : {}),
    ...(adminEmail ? { adminEmail } : {}),
  });
  const log = server.app.log;
  if (file) log.info({ file }, 'configuration file read');
  if (adminToken && adminToken.length < 16) log.warn('W4G_ADMIN_TOKEN is short; use at least 32 random characters');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      log.warn(`${signal} again: closing the database and exiting at once`);
      server.store.closeNow();
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal} received: shutting down`);
    // close() itself ends stalled connections after timeouts.shutdownSeconds; this is the last
    // resort, and even then the database is closed before the process ends.
    const limit = config.timeouts.shutdownSeconds + 5;
    const force = setTimeout(() => {
      log.error(`shutdown took longer than ${limit} s: closing the database and exiting`);
      server.store.closeNow();
      process.exit(1);
    }, limit * 1000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        server.store.closeNow();
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const url = await server.listen();
  log.info(`w4g-calendar server on ${url}/ (feed: ${url}/api/events.json, workspace: ${url}/redaktion/)`);
  const demo = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await server.store.accounts.accountByEmail(account.email)) demo.push(`${account.email} (${account.label})`);
  }
  if (demo.length && server.mailer.mode === 'outbox') {
    log.info(
      `demo accounts: ${demo.join(', ')}. Sign in at ${url}/redaktion/ with one of them; ` +
        `the sign-in email lands in ${server.mailer.outbox} (listed at ${url}/redaktion/postausgang when listening on localhost)`,
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else if (error instanceof DatabaseStartError) console.error(`Database error: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
