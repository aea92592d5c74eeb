import { ConfigError } from '../errors/errors.js';
import type { ConfigIssue } from '../errors/errors.js';
import { MIN_SECRET_LENGTH, registeredSecrets } from '../log/secret-registry.js';
import { buildConfig } from './build-config.js';
import { crossFieldIssues } from './config-rules.js';
import { CONFIG_VARIABLES, ConfigEnvSchema } from './config.schema.js';
import type { Config } from './config.types.js';
import { DOT_ENV_REFUSED_IN_PRODUCTION, readDotEnv } from './dot-env.js';
import { overlayEnv, processEnvironment } from './process-env.js';
import type { EnvRecord } from './process-env.js';

/** Names (outside the schema) whose values are credentials: never quoted in an error, whichever variable they were pasted into. */
const SENSITIVE_NAME = /KEY|SECRET|TOKEN|WEBHOOK|PASSWORD|CREDENTIAL/i;
const KNOWN = new Set<string>(CONFIG_VARIABLES);

const cache = { byEnv: new WeakMap<EnvRecord, Config>(), fromProcess: undefined as Config | undefined };

/** The known variables of `env`, trimmed; empty ones dropped so that they take their default. */
function schemaInput(env: EnvRecord): Record<string, string> {
  const input: Record<string, string> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name]?.trim();
    if (value) input[name] = value;
  }
  return input;
}

/**
 * Keeps credentials out of error text: when a variable's value contains a registered secret or the
 * value of a credential-named variable (case-insensitively), every quoted value of its reason is hidden.
 */
function hideSecrets(issues: ConfigIssue[], env: EnvRecord, input: Record<string, string>): ConfigIssue[] {
  const fromEnv = Object.entries(env)
    .filter(([name, value]) => SENSITIVE_NAME.test(name) && !KNOWN.has(name) && value !== undefined)
    .map(([, value]) => String(value).trim());
  const hidden = [...registeredSecrets(), ...fromEnv].filter((v) => v.length >= MIN_SECRET_LENGTH).map((v) => v.toLowerCase());
  const leaks = (raw: string | undefined): boolean => raw !== undefined && hidden.some((h) => raw.toLowerCase().includes(h));
  return issues.map(({ variable, reason }) => ({
    variable,
    reason: leaks(input[variable]) ? reason.replace(/"(?:[^"\\]|\\.)*"/g, '[hidden value]') : reason,
  }));
}

/** Parses `env` without memoising; throws `ConfigError` listing every bad variable, one per line. */
export function parseConfig(env: EnvRecord): Config {
  const input = schemaInput(env);
  const parsed = ConfigEnvSchema.safeParse(input);
  const issues: ConfigIssue[] = parsed.success
    ? crossFieldIssues(parsed.data)
    : parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '(environment)'), reason: issue.message }));
  if (issues.length > 0 || !parsed.success) throw new ConfigError(hideSecrets(issues, env, input));
  return buildConfig(parsed.data);
}

/** Process environment over the `.env` file of the working directory; the file is refused in production. */
function configFromProcess(): Config {
  const dotEnv = readDotEnv(process.cwd());
  const config = parseConfig(overlayEnv(dotEnv?.values ?? {}, processEnvironment()));
  if (dotEnv && config.environment === 'prod' && config.runtime.onCloud) {
    throw new ConfigError([{ variable: dotEnv.path, reason: DOT_ENV_REFUSED_IN_PRODUCTION }]);
  }
  return config;
}

/**
 * The configuration, parsed once per environment object. Without an argument it reads the process
 * environment over the working directory's `.env` file (process wins), once per process.
 */
export function loadConfig(env?: EnvRecord): Config {
  if (env === undefined) return (cache.fromProcess ??= configFromProcess());
  let config = cache.byEnv.get(env);
  if (config === undefined) {
    config = parseConfig(env);
    cache.byEnv.set(env, config);
  }
  return config;
}

/** Forgets every memoised configuration (tests only). */
export function resetConfigForTests(): void {
  cache.byEnv = new WeakMap();
  cache.fromProcess = undefined;
}

/** The prefix of every collection, table, lock and job record: `live_` in prod, `test_` in dev. */
export function collectionPrefix(config: Pick<Config, 'environment'>): 'live_' | 'test_' {
  return config.environment === 'prod' ? 'live_' : 'test_';
}
