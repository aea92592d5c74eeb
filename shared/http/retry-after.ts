import type { AxiosResponse } from 'axios';

/**
 * How long the server asked us to wait, in ms: the `Retry-After` header (seconds or an HTTP date), Discord's
 * JSON `retry_after` (seconds, fractional) and, on a 429, Alpaca's `X-RateLimit-Reset` (epoch seconds), whichever
 * is longest; `undefined` when the server did not say.
 */
export function serverRetryAfterMs(
  response: Pick<AxiosResponse, 'status' | 'headers' | 'data'> | undefined,
  nowMs: number,
): number | undefined {
  if (response === undefined) return undefined;
  const asks = [fromHeader(response.headers['retry-after'], nowMs), fromBody(response.data)];
  // Alpaca's 429 has no Retry-After, only the epoch second its quota refills; other statuses carry it too.
  if (response.status === 429) asks.push(fromReset(response.headers['x-ratelimit-reset'], nowMs));
  const known = asks.filter((ms): ms is number => ms !== undefined);
  return known.length === 0 ? undefined : Math.max(...known);
}

function fromHeader(value: unknown, nowMs: number): number | undefined {
  const seconds = numeric(value);
  if (seconds !== undefined) return secondsToMs(seconds);
  if (typeof value !== 'string') return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function fromBody(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null || !('retry_after' in data)) return undefined;
  const seconds = numeric(data.retry_after);
  return seconds === undefined ? undefined : secondsToMs(seconds);
}

function fromReset(value: unknown, nowMs: number): number | undefined {
  const epochSeconds = numeric(value);
  return epochSeconds === undefined ? undefined : Math.max(0, Math.ceil(epochSeconds * 1000 - nowMs));
}

function numeric(value: unknown): number | undefined {
  const number = typeof value === 'number' || (typeof value === 'string' && value.trim() !== '') ? Number(value) : NaN;
  return Number.isFinite(number) ? number : undefined;
}

function secondsToMs(seconds: number): number | undefined {
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
}
