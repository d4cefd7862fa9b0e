/**
 * Resolving the configuration: the defaults, then each layer (config file, environment, a
 * test's overrides) merged on top, every key known (a typo is an error, not silently ignored)
 * and every value checked, with a message that names the setting.
 */
import { HostAllowList } from './net-guard.js';
import { DEFAULT_CONFIG, sourceId, type ServerConfig } from './config-settings.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge of plain objects; arrays and scalars replace. */
function merge<T>(base: T, patch: unknown): T {
  if (!isObject(patch) || !isObject(base)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    out[key] = isObject(value) && isObject(out[key]) ? merge(out[key], value) : value;
  }
  return out as T;
}

const SOURCE_KEYS = new Set(['id', 'url', 'name', 'organizerId', 'town', 'refreshMinutes']);

/** A typo ("cors.origin") must not be silently ignored. */
function checkKeys(layer: unknown, shape: unknown, path: string): void {
  if (!isObject(layer) || !isObject(shape)) return;
  for (const [key, value] of Object.entries(layer)) {
    const name = path ? `${path}.${key}` : key;
    if (!(key in shape)) throw new ConfigError(`unknown setting "${name}"`);
    if (key === 'sources' && Array.isArray(value)) {
      value.forEach((source, i) => {
        for (const k of isObject(source) ? Object.keys(source) : []) {
          if (!SOURCE_KEYS.has(k)) throw new ConfigError(`unknown setting "sources[${i}].${k}"`);
        }
      });
    } else if (key !== 'trustProxy' && !(path === 'clashes' && key === 'neighbours')) {
      checkKeys(value, shape[key], name);
    }
  }
}

/** Defaults, then each layer in turn; the result is checked. */
export function resolveConfig(...layers: unknown[]): ServerConfig {
  for (const layer of layers) checkKeys(layer, DEFAULT_CONFIG, '');
  const config = layers.reduce<ServerConfig>((acc, layer) => merge(acc, layer), structuredClone(DEFAULT_CONFIG));
  checkConfig(config);
  return config;
}

const SOURCE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

function positive(value: unknown, name: string, min = 1): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new ConfigError(`${name} must be a number >= ${min}, got ${JSON.stringify(value)}`);
  }
}

function checkConfig(c: ServerConfig): void {
  if (!Number.isInteger(c.port) || c.port < 0 || c.port > 65535) throw new ConfigError(`port ${c.port} is not a port`);
  if (typeof c.host !== 'string' || !c.host) throw new ConfigError('host must be a non-empty string');
  if (typeof c.database !== 'string' || !c.database) throw new ConfigError('database must be a file path');
  if (!Array.isArray(c.cors.origins) || c.cors.origins.some((o) => typeof o !== 'string')) {
    throw new ConfigError('cors.origins must be a list of origins such as "https://www.aschersleben.de"');
  }
  for (const origin of c.cors.origins) {
    if (origin === '*') continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      // reported below
    }
    if (!parsed || parsed.origin !== origin) {
      throw new ConfigError(`cors.origins: "${origin}" is not an origin (scheme://host[:port], no path or trailing slash)`);
    }
  }
  for (const key of ['submissions', 'admin'] as const) {
    positive(c.rateLimit[key].max, `rateLimit.${key}.max`);
    positive(c.rateLimit[key].windowSeconds, `rateLimit.${key}.windowSeconds`);
  }
  positive(c.bodyLimit, 'bodyLimit', 1024);
  positive(c.images.maxBytes, 'images.maxBytes', 1024);
  positive(c.images.maxPixels, 'images.maxPixels', 256);
  positive(c.images.keepUnusedDays, 'images.keepUnusedDays', 1);
  positive(c.images.cleanupHours, 'images.cleanupHours', 0.0001);
  if (typeof c.publicUrl !== 'string' || (c.publicUrl !== '' && !/^https?:\/\/[^/?#]+$/i.test(c.publicUrl.replace(/\/$/, '')))) {
    throw new ConfigError(
      `publicUrl must be the server's public origin such as "https://kalender.example.org", got ${JSON.stringify(c.publicUrl)}`,
    );
  }
  positive(c.databasePoolSize, 'databasePoolSize');
  positive(c.feed.pollSeconds, 'feed.pollSeconds', 0.05);
  positive(c.feed.maxPendingViews, 'feed.maxPendingViews', 1);
  for (const key of ['headersSeconds', 'bodySeconds', 'shutdownSeconds'] as const) {
    positive(c.timeouts[key], `timeouts.${key}`, 0.1);
  }
  positive(c.submissions.minFormTimeMs, 'submissions.minFormTimeMs', 0);
  positive(c.submissions.maxDaysAhead, 'submissions.maxDaysAhead');
  const towns = Object.values(c.clashes.neighbours ?? {});
  if (!isObject(c.clashes.neighbours) || towns.some((l) => !Array.isArray(l) || l.some((t) => typeof t !== 'string'))) {
    throw new ConfigError('clashes.neighbours must map a town to a list of towns, e.g. { "Aschersleben": ["Seeland"] }');
  }
  positive(c.clashes.radiusKm, 'clashes.radiusKm', 0);
  if (!Array.isArray(c.clashes.regionCategories) || c.clashes.regionCategories.some((t) => typeof t !== 'string')) {
    throw new ConfigError('clashes.regionCategories must be a list of categories');
  }
  if (typeof c.feed.title !== 'string' || typeof c.feed.cacheControl !== 'string') {
    throw new ConfigError('feed.title and feed.cacheControl must be strings');
  }
  for (const [name, value] of [
    ['feed.pageUrl', c.feed.pageUrl],
    ['openData.license', c.openData.license],
  ] as const) {
    if (typeof value !== 'string' || (value !== '' && !/^https?:\/\/[^/]/i.test(value)) || (value && !URL.canParse(value))) {
      throw new ConfigError(`${name} must be an http(s) URL, got ${JSON.stringify(value)}`);
    }
  }
  if (!c.openData.license) throw new ConfigError('openData.license must name the data licence (a URL)');
  if (typeof c.openData.licenseName !== 'string' || typeof c.openData.publisher !== 'string') {
    throw new ConfigError('openData.licenseName and openData.publisher must be text');
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: c.feed.timeZone });
  } catch {
    throw new ConfigError(`feed.timeZone "${c.feed.timeZone}" is not an IANA time zone`);
  }
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace'].includes(c.logLevel)) {
    throw new ConfigError(`logLevel must be one of fatal, error, warn, info, debug, trace, got ${JSON.stringify(c.logLevel)}`);
  }
  if (!Array.isArray(c.hub.allowHosts) || c.hub.allowHosts.some((h) => typeof h !== 'string')) {
    throw new ConfigError('hub.allowHosts must be a list of hosts such as "intranet.example" or "10.0.0.5:8080"');
  }
  try {
    new HostAllowList(c.hub.allowHosts);
  } catch (error) {
    throw new ConfigError(`hub.allowHosts: ${(error as Error).message}`);
  }
  positive(c.accounts.sessionIdleHours, 'accounts.sessionIdleHours', 0.01);
  positive(c.accounts.sessionMaxDays, 'accounts.sessionMaxDays', 0.01);
  positive(c.accounts.invitationDays, 'accounts.invitationDays', 0.01);
  if (c.accounts.secureCookie !== 'auto' && typeof c.accounts.secureCookie !== 'boolean') {
    throw new ConfigError('accounts.secureCookie must be "auto", true or false');
  }
  for (const key of ['linkPerAddress', 'linkPerClient'] as const) {
    positive(c.accounts[key].max, `accounts.${key}.max`);
    positive(c.accounts[key].windowSeconds, `accounts.${key}.windowSeconds`);
  }
  if (typeof c.mail.from !== 'string' || !c.mail.from.trim()) throw new ConfigError('mail.from must be a sender address');
  if (typeof c.mail.outbox !== 'string') throw new ConfigError('mail.outbox must be a folder');
  if (!Number.isInteger(c.mail.digestHour) || c.mail.digestHour < 0 || c.mail.digestHour > 23) {
    throw new ConfigError(`mail.digestHour must be a whole hour from 0 to 23, got ${JSON.stringify(c.mail.digestHour)}`);
  }
  if (!Number.isInteger(c.privacy.contactRetentionDays) || c.privacy.contactRetentionDays < 1) {
    throw new ConfigError(
      `privacy.contactRetentionDays (W4G_CONTACT_RETENTION_DAYS) must be a whole number of days, at least 1, got ${JSON.stringify(c.privacy.contactRetentionDays)}`,
    );
  }
  if (!Array.isArray(c.sources)) throw new ConfigError('sources must be a list');
  const ids = new Set<string>();
  c.sources.forEach((source, i) => {
    if (!isObject(source) || typeof source.url !== 'string' || !/^https?:\/\//i.test(source.url) || !URL.canParse(source.url)) {
      throw new ConfigError(`sources[${i}].url must be an http(s) URL`);
    }
    if (source.id !== undefined && (typeof source.id !== 'string' || !SOURCE_ID.test(source.id))) {
      throw new ConfigError(`sources[${i}].id must be 1–40 lower-case letters, digits or hyphens`);
    }
    const id = sourceId(source);
    if (ids.has(id)) throw new ConfigError(`sources[${i}].id "${id}" is used twice`);
    ids.add(id);
    if (source.refreshMinutes !== undefined) positive(source.refreshMinutes, `sources[${i}].refreshMinutes`, 1 / 60);
    for (const key of ['name', 'organizerId', 'town'] as const) {
      if (source[key] !== undefined && typeof source[key] !== 'string')
        throw new ConfigError(`sources[${i}].${key} must be text`);
    }
  });
}
