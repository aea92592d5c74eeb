import { isNetworkError } from 'axios-retry';
import type { AxiosError, AxiosRequestConfig } from 'axios';

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * Declares a POST or PATCH safe to send twice (the body carries a key the server deduplicates on, such as
     * Alpaca's `client_order_id`). Without it such a request is never retried.
     */
    idempotent?: boolean;
  }
}

const IDEMPOTENT_METHODS = new Set(['get', 'head', 'options', 'put', 'delete', 'trace']);

/** True when sending the request again cannot do the thing twice. */
export function isIdempotentRequest(config: AxiosRequestConfig | undefined): boolean {
  if (config === undefined) return false;
  return config.idempotent === true || IDEMPOTENT_METHODS.has((config.method ?? 'get').toLowerCase());
}

/** Our one retry rule: a repeatable request that failed on the network, with 429 or with 5xx; never another 4xx. */
export function isRetryableError(error: AxiosError): boolean {
  if (!isIdempotentRequest(error.config)) return false;
  if (error.response === undefined) return isNetworkError(error);
  const { status } = error.response;
  return status === 429 || (status >= 500 && status <= 599);
}

/** Exponential backoff `base · 2^(retry-1)` with ±20 % jitter, capped; `random` returns [0, 1). */
export function backoffMs(retryNumber: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const exponential = baseDelayMs * 2 ** (retryNumber - 1);
  return Math.min(maxDelayMs, Math.round(exponential * (0.8 + 0.4 * random())));
}
