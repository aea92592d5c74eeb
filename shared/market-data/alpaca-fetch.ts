import { serverRetryAfterMs } from '../http/retry-after.js';
import { backoffMs } from '../http/retry-policy.js';
import { logExternalCall } from '../log/external-call.js';
import type { Logger } from '../log/logger.js';
import type { Throttle } from '../throttle/throttle.js';
import { sleep as realSleep } from '../runtime/sleep.js';

/** The `fetch` shape the Alpaca SDK's `Configuration({ fetchApi })` calls. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Defaults follow `createHttpClient`: 3 retries, backoff from 0.5 s, no wait above 30 s, 30 s per attempt. */
export interface AlpacaFetchOptions {
  /** Every attempt, retries included, waits for it first: the one limiter in front of Alpaca. */
  readonly throttle: Pick<Throttle, 'acquire'>;
  readonly logger: Pick<Logger, 'warn' | 'info'>;
  /** Counts every attempt (the requests-per-scan figure of the scan log line). */
  readonly stats?: { attempts: number };
  /** Retries after the first attempt, so at most `retries + 1` attempts. */
  readonly retries?: number;
  readonly baseDelayMs?: number;
  /** Caps every wait, the server's `Retry-After` / `X-RateLimit-Reset` included. */
  readonly maxDelayMs?: number;
  /** Per attempt (headers and body); the SDK's own timeout is off so throttle waits and backoff never count. */
  readonly timeoutMs?: number;
  /** How to wait before a retry (tests pass a recorder that does not wait). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1). */
  readonly random?: () => number;
  /** Epoch ms, to read `X-RateLimit-Reset` against. */
  readonly now?: () => number;
  readonly fetch?: FetchLike;
}

const RETRYABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The transport under the Alpaca SDK (its own retry and limiter are off): each attempt passes the shared throttle,
 * and a GET that fails on the network, with 429 or with 5xx is retried at most `retries` times after
 * `max(exponential backoff, Retry-After, X-RateLimit-Reset)` — the retry rule of shared/http, in one place for Alpaca.
 * After the last attempt the failed response goes back to the SDK, which turns it into its typed `ApiError`.
 */
export function createAlpacaFetch(options: AlpacaFetchOptions): FetchLike {
  const { throttle, logger, retries = 3, baseDelayMs = 500, maxDelayMs = 30_000, timeoutMs = 30_000 } = options;
  const { sleep = realSleep, random = Math.random, now = Date.now, fetch: send = fetch } = options;

  return async (url, init) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const path = new URL(url).pathname;
    for (let attempt = 0; ; attempt++) {
      await throttle.acquire();
      const signals = [AbortSignal.timeout(timeoutMs), ...(init.signal ? [init.signal] : [])];
      let outcome: { response: Response } | { error: unknown };
      const startedAt = Date.now();
      if (options.stats) options.stats.attempts++;
      try {
        // Never follow a redirect: fetch would send the APCA-API-* headers on to wherever it points.
        outcome = { response: await send(url, { ...init, redirect: 'manual', signal: AbortSignal.any(signals) }) };
      } catch (error) {
        if (init.signal?.aborted === true) throw error;
        outcome = { error };
      }
      const response = 'response' in outcome ? outcome.response : undefined;
      logExternalCall(logger, {
        service: 'alpaca',
        method,
        endpoint: path,
        status: response?.status,
        durationMs: Date.now() - startedAt,
      });
      if (response !== undefined && isRedirect(response.status)) {
        logger.warn('Alpaca redirect not followed', { method, path, status: response.status });
      }
      const retryable = RETRYABLE_METHODS.has(method) && (response === undefined || isRetryableStatus(response.status));
      if (!retryable || attempt >= retries) {
        if ('error' in outcome) throw outcome.error;
        return outcome.response;
      }
      const asked = response === undefined ? undefined : serverRetryAfterMs(plainResponse(response), now());
      const delayMs = Math.min(maxDelayMs, Math.max(backoffMs(attempt + 1, baseDelayMs, maxDelayMs, random), asked ?? 0));
      logger.warn('retrying Alpaca request', {
        attempt: attempt + 2,
        maxAttempts: retries + 1,
        method,
        path,
        status: response?.status,
        error: 'error' in outcome ? errorText(outcome.error) : undefined,
        delayMs,
        retryAfterMs: asked,
      });
      await response?.body?.cancel();
      await sleep(delayMs);
    }
  };
}

function isRedirect(status: number): boolean {
  return status >= 300 && status <= 399;
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** The two headers `serverRetryAfterMs` reads, in the lower-case record shape it expects. */
function plainResponse(response: Response) {
  const headers: Record<string, string> = {};
  for (const name of ['retry-after', 'x-ratelimit-reset']) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { status: response.status, headers, data: undefined };
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}
