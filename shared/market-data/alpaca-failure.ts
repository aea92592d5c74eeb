import { ApiError, FetchError } from '@alpacahq/alpaca-trade-api/rest';

/**
 * Whether a failed Alpaca call is worth trying again later (after the transport's own retries): a network error, a
 * 429 or a 5xx; not a refusal (4xx) or an unreadable body.
 */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 429 || error.status >= 500;
  return error instanceof FetchError;
}

/**
 * One line on why an Alpaca call failed, fit for a log field or a symbol's problem: the status and Alpaca's
 * message, never the request (its headers carry the keys) nor the raw response.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof ApiError) return `HTTP ${error.status}${error.message ? `: ${error.message.slice(0, 200)}` : ''}`;
  if (error instanceof FetchError) {
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    return `network error${cause ? `: ${cause}` : ''}`;
  }
  if (error instanceof SyntaxError) return `unreadable response body (${error.message})`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
