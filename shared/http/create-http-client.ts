import axios from 'axios';
import type { AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
import { InvalidArgumentError } from '../errors/errors.js';
import { logExternalCall } from '../log/external-call.js';
import { log } from '../log/logger.js';
import type { Logger } from '../log/logger.js';
import type { Throttle } from '../throttle/throttle.js';
import { serverRetryAfterMs } from './retry-after.js';
import { backoffMs, isRetryableError } from './retry-policy.js';
import { sleep as realSleep } from '../runtime/sleep.js';

/** Defaults: 10 s per attempt, 3 retries, backoff from 0.5 s, no wait above 30 s. */
export interface HttpClientOptions {
  baseURL?: string;
  /** Per attempt; each retry gets the full time again. */
  timeoutMs?: number;
  /** Retries after the first attempt, so at most `retries + 1` attempts. */
  retries?: number;
  baseDelayMs?: number;
  /** Caps every wait, including a server's `Retry-After`. */
  maxDelayMs?: number;
  /** Every attempt, retries included, waits for it first. */
  throttle?: Pick<Throttle, 'acquire'>;
  logger?: Pick<Logger, 'warn'>;
  headers?: Record<string, string>;
  /** How to wait before a retry (tests pass a recorder that does not wait). */
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1) (tests pass a constant). */
  random?: () => number;
  /** One `external.call` log line per attempt under this service name (shared/log/external-call.ts). */
  service?: string;
  /** The endpoint named in that line (default: the request path); a webhook names its route, never its URL. */
  endpointOf?: (url: string) => string;
  /** Where those lines go (default: `logger`'s process logger). */
  callLog?: Pick<Logger, 'info' | 'warn'>;
}

/**
 * The one HTTP client factory: axios with the retry policy of DESIGN §5 (network errors, 429, 5xx; POST/PATCH only
 * when marked `idempotent`), backoff that honours the server's ask, the optional throttle, and a warning per retry.
 */
export function createHttpClient(options: HttpClientOptions = {}): AxiosInstance {
  const { timeoutMs = 10_000, retries = 3, baseDelayMs = 500, maxDelayMs = 30_000 } = options;
  const { throttle, logger = log, sleep = realSleep, random = Math.random } = options;
  requireNumber('timeoutMs', timeoutMs, timeoutMs > 0, 'a number > 0');
  requireNumber('retries', retries, Number.isInteger(retries) && retries >= 0, 'an integer >= 0');
  requireNumber('baseDelayMs', baseDelayMs, baseDelayMs >= 0, 'a number >= 0');
  requireNumber('maxDelayMs', maxDelayMs, maxDelayMs >= 0, 'a number >= 0');

  const client = axios.create({
    baseURL: options.baseURL,
    timeout: timeoutMs,
    headers: options.headers,
    // A redirect is never followed: the URL (a Discord webhook) or a header may be the credential.
    maxRedirects: 0,
    // Timeouts then carry ETIMEDOUT, a network error we retry, instead of ECONNABORTED, which axios-retry skips.
    transitional: { ...axios.defaults.transitional, clarifyTimeoutError: true },
  });
  if (options.service !== undefined) logCalls(client, options.service, options.endpointOf, options.callLog ?? log);
  if (throttle !== undefined) {
    client.interceptors.request.use(async (config) => {
      await throttle.acquire();
      return config;
    });
  }
  axiosRetry(client, {
    retries,
    // Otherwise axios-retry subtracts the wait from the timeout and gives up on any Retry-After longer than it.
    shouldResetTimeout: true,
    retryCondition: isRetryableError,
    // axios-retry's own wait cannot be faked in tests; we wait in onRetry through `sleep` instead.
    retryDelay: () => 0,
    onRetry: async (retryCount, error, config) => {
      const backoff = backoffMs(retryCount, baseDelayMs, maxDelayMs, random);
      const asked = serverRetryAfterMs(error.response, Date.now());
      const delayMs = Math.min(maxDelayMs, Math.max(backoff, asked ?? 0));
      logger.warn('retrying HTTP request', {
        attempt: retryCount + 1,
        maxAttempts: retries + 1,
        method: config.method?.toUpperCase(),
        url: client.getUri(config),
        status: error.response?.status,
        code: error.code,
        delayMs,
        retryAfterMs: asked,
      });
      await sleep(delayMs);
    },
  });
  return client;
}

const STARTED = Symbol('startedAt');

/** Times each attempt (retries included: axios-retry sends them through the interceptors again) and logs it. */
function logCalls(
  client: AxiosInstance,
  service: string,
  endpointOf: ((url: string) => string) | undefined,
  logger: Pick<Logger, 'info' | 'warn'>,
): void {
  client.interceptors.request.use((config) => Object.assign(config, { [STARTED]: Date.now() }));
  const line = (config: InternalAxiosRequestConfig | undefined, status: number | undefined) => {
    const url = config === undefined ? '' : client.getUri(config);
    const started = config === undefined ? undefined : (Reflect.get(config, STARTED) as number | undefined);
    logExternalCall(logger, {
      service,
      method: config?.method?.toUpperCase() ?? '?',
      endpoint: endpointOf ? endpointOf(url) : pathOf(url),
      status,
      durationMs: started === undefined ? 0 : Date.now() - started,
    });
  };
  client.interceptors.response.use(
    (response) => {
      line(response.config, response.status);
      return response;
    },
    (error: unknown) => {
      if (axios.isAxiosError(error)) line(error.config, error.response?.status);
      return Promise.reject(error);
    },
  );
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '?';
  }
}

function requireNumber(name: string, value: number, valid: boolean, expected: string): void {
  if (!Number.isFinite(value) || !valid) throw new InvalidArgumentError(name, `must be ${expected}, got "${value}"`);
}
