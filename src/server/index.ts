/**
 * The reference server of w4g-calendar (Node only, never part of the browser bundle):
 * `createServer(options)` for tests and embedding, `main.ts` to run it.
 */
export { createServer, type ServerOptions, type W4gServer } from './server.js';
export {
  loadConfig,
  resolveConfig,
  configFromEnv,
  readConfigFile,
  ConfigError,
  DEFAULT_CONFIG,
  type ServerConfig,
  type ConfigInput,
  type SourceConfig,
  type RateLimitConfig,
} from './config.js';
export { Store, type SubmissionRecord, type SubmissionStatus, type PrivateContact } from './db/store.js';
export { DatabaseStartError, describePostgresUrl } from './db/dialect.js';
export { FeedHub, type SourceHealth } from './hub.js';
export { Validator, HONEYPOT_FIELD } from './validate.js';
export { sampleEvents } from './seed.js';
export { SAMPLE_ASSOCIATIONS } from './seed-data.js';
