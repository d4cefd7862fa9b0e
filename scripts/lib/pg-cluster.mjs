// A throwaway PostgreSQL cluster for tests and benchmarks: Debian's server binaries, a temp
// folder, a unix socket there and a free TCP port on 127.0.0.1, trust authentication, fsync
// off. initdb refuses to run as root, so as root the cluster runs as the `postgres` user.
// stop() stops it and removes the folder; it is also called on exit and on SIGINT/SIGTERM.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export class ClusterUnavailable extends Error {}

/** The newest Debian PostgreSQL server binaries, or undefined. */
export function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')) && existsSync(join(base, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster and creates the database `w4g_test`. Resolves to
 * `{ url, adminUrl, port, dir, stop() }`; rejects with ClusterUnavailable when it cannot.
 */
export async function startCluster() {
  const bin = findPostgresBin();
  if (!bin)
    throw new ClusterUnavailable('no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (Debian package postgresql)');
  const root = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'w4g-pg-'));
  const run = (command, args) => {
    const full = root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    const result = spawnSync(full[0], full[1], { encoding: 'utf8' });
    if (result.status !== 0) {
      const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').slice(-2000) : '';
      throw new ClusterUnavailable(
        `${command} failed: ${(result.stderr || result.stdout || String(result.error)).trim()}\n${log}`,
      );
    }
  };
  let started = false;
  const onSignal = (signal) => {
    stop();
    process.kill(process.pid, signal);
  };
  const stop = () => {
    process.off('exit', stop);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (started) {
      started = false;
      try {
        const args = ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'];
        if (root) execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args], { stdio: 'ignore' });
        else execFileSync(join(bin, 'pg_ctl'), args, { stdio: 'ignore' });
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (root) {
      chmodSync(dir, 0o755);
      const { uid, gid } = postgresIds();
      chownSync(dir, uid, gid);
    }
    run(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'w4g', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const options = [
      `-k ${dir}`,
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
    started = true;
    const adminUrl = `postgres://w4g@127.0.0.1:${port}/postgres`;
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query('CREATE DATABASE w4g_test');
    await client.end();
    return {
      url: `postgres://w4g@127.0.0.1:${port}/w4g_test`,
      adminUrl,
      port,
      dir,
      bin,
      stop,
      /** Stops the server but keeps the data (to test a database outage). */
      pause() {
        run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
      },
      resume() {
        run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
      },
    };
  } catch (error) {
    stop();
    throw error instanceof ClusterUnavailable ? error : new ClusterUnavailable(String(error?.message ?? error));
  }
}

function postgresIds() {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new ClusterUnavailable('there is no postgres user to run initdb as (initdb refuses root)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
