/**
 * Server configuration: defaults, a JSON config file (W4G_CONFIG, else ./w4g.config.json when
 * present) and environment variables, in that order of precedence (env wins). Secrets (the
 * admin token) come from the environment only, never from a file that might be committed.
 * The settings, their meaning and defaults are in config-settings.ts; merging and checking them
 * in config-check.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, isObject, resolveConfig } from './config-check.js';
import type { ConfigInput, ServerConfig } from './config-settings.js';

export { ConfigError, resolveConfig } from './config-check.js';
export {
  DEFAULT_CONFIG,
  sourceId,
  type ConfigInput,
  type RateLimitConfig,
  type ServerConfig,
  type SourceConfig,
} from './config-settings.js';

function envNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new ConfigError(`${name}="${raw}" is not a number`);
  return value;
}

function envTrustProxy(raw: string | undefined): ServerConfig['trustProxy'] | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim());
}

/** The layer that environment variables contribute (see docs/server.md). */
export function configFromEnv(env: NodeJS.ProcessEnv): ConfigInput {
  const layer: Record<string, unknown> = {
    port: envNumber(env, 'PORT'),
    host: env['HOST']?.trim() || undefined,
    database: env['W4G_DB']?.trim() || undefined,
    databasePoolSize: envNumber(env, 'W4G_DATABASE_POOL'),
    trustProxy: envTrustProxy(env['W4G_TRUST_PROXY']),
    bodyLimit: envNumber(env, 'W4G_BODY_LIMIT'),
    publicUrl: env['W4G_PUBLIC_URL']?.trim() || undefined,
    images: {
      maxBytes: envNumber(env, 'W4G_IMAGE_MAX_BYTES'),
      maxPixels: envNumber(env, 'W4G_IMAGE_MAX_PIXELS'),
      keepUnusedDays: envNumber(env, 'W4G_IMAGE_KEEP_UNUSED_DAYS'),
    },
    cors: {
      origins: env['W4G_CORS_ORIGINS']
        ?.split(/[\s,]+/)
        .map((o) => o.trim())
        .filter(Boolean),
    },
    rateLimit: {
      submissions: { max: envNumber(env, 'W4G_RATE_LIMIT_MAX'), windowSeconds: envNumber(env, 'W4G_RATE_LIMIT_WINDOW') },
    },
    feed: {
      title: env['W4G_FEED_TITLE'] || undefined,
      timeZone: env['W4G_TIME_ZONE'] || undefined,
      pageUrl: env['W4G_PAGE_URL']?.trim() || undefined,
      maxPendingViews: envNumber(env, 'W4G_MAX_PENDING_VIEWS'),
    },
    openData: {
      license: env['W4G_DATA_LICENSE']?.trim() || undefined,
      licenseName: env['W4G_DATA_LICENSE_NAME']?.trim() || undefined,
      publisher: env['W4G_DATA_PUBLISHER']?.trim() || undefined,
    },
    hub: {
      allowHosts: env['W4G_HUB_ALLOW_HOSTS']
        ?.split(/[\s,]+/)
        .map((h) => h.trim())
        .filter(Boolean),
    },
    seed: env['W4G_SEED'] === undefined ? undefined : env['W4G_SEED'] !== 'false' && env['W4G_SEED'] !== '0',
    logLevel: env['W4G_LOG_LEVEL']?.trim() || undefined,
    mail: {
      from: env['W4G_MAIL_FROM']?.trim() || undefined,
      outbox: env['W4G_OUTBOX']?.trim() || undefined,
      digestHour: envNumber(env, 'W4G_DIGEST_HOUR'),
    },
    privacy: { contactRetentionDays: envNumber(env, 'W4G_CONTACT_RETENTION_DAYS') },
  };
  if (env['W4G_SOURCES']?.trim()) {
    try {
      layer['sources'] = JSON.parse(env['W4G_SOURCES']);
    } catch (error) {
      throw new ConfigError(`W4G_SOURCES is not a JSON list: ${(error as Error).message}`);
    }
  }
  return layer as ConfigInput;
}

/** Reads the config file named by W4G_CONFIG, else ./w4g.config.json if it exists. */
export function readConfigFile(env: NodeJS.ProcessEnv, cwd = process.cwd()): { path?: string; config: unknown } {
  const named = env['W4G_CONFIG']?.trim();
  const path = resolve(cwd, named || 'w4g.config.json');
  if (!named && !existsSync(path)) return { config: {} };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the config file ${path}: ${(error as Error).message}`);
  }
  try {
    const config: unknown = JSON.parse(text);
    if (!isObject(config)) throw new Error('the top level is not an object');
    const { $schema: _schema, $comment: _comment, ...rest } = config;
    return { path, config: rest };
  } catch (error) {
    throw new ConfigError(`the config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Everything main.ts needs: the resolved config, where it came from, and the two secrets, which
 * come from the environment only: the admin token and the PostgreSQL URL (it holds a password).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): {
  config: ServerConfig;
  file?: string;
  adminToken?: string;
  databaseUrl?: string;
  smtpUrl?: string;
  adminEmail?: string;
} {
  const file = readConfigFile(env);
  const config = resolveConfig(file.config, configFromEnv(env));
  const adminToken = env['W4G_ADMIN_TOKEN']?.trim() || undefined;
  const databaseUrl = env['W4G_DATABASE_URL']?.trim() || undefined;
  const smtpUrl = env['W4G_SMTP_URL']?.trim() || undefined;
  const adminEmail = env['W4G_ADMIN_EMAIL']?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\//i.test(smtpUrl)) throw new ConfigError('W4G_SMTP_URL must start with smtp:// or smtps://');
  return {
    config,
    ...(file.path ? { file: file.path } : {}),
    ...(adminToken ? { adminToken } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(smtpUrl ? { smtpUrl } : {}),
    ...(adminEmail ? { adminEmail } : {}),
  };
}
