import axios from 'axios';
import type { AxiosError, AxiosRequestConfig } from 'axios';
import type { IAxiosRetryConfigExtended } from 'axios-retry';
import { isSensitiveKey } from './redact-text.js';

/** The deep redaction, handed down: `walk` re-enters it for a nested value, `text` masks one string. */
export interface Redaction {
  walk(value: unknown, sensitive: boolean): unknown;
  text(value: string): string;
}

/** A response body longer than this (as JSON) is cut: enough to read an API error, never a whole payload. */
export const MAX_RESPONSE_DATA_LENGTH = 2_000;

const HANDLED = new Set(['name', 'message', 'stack', 'cause', 'code']);

/** An Error as a plain object: name, message, code, stack, own fields and the `cause` chain, all redacted. */
export function reduceError(error: Error, { walk, text }: Redaction): Record<string, unknown> {
  const out: Record<string, unknown> = { name: text(error.name), message: text(error.message) };
  if ('code' in error && error.code !== undefined) out.code = walk(error.code, false);
  if (error.stack !== undefined) out.stack = text(error.stack);
  for (const [key, value] of Object.entries(error)) {
    if (!HANDLED.has(key)) out[key] = walk(value, isSensitiveKey(key));
  }
  if (error instanceof AggregateError) out.errors = walk(error.errors, false);
  if (error.cause !== undefined) out.cause = walk(error.cause, false);
  return out;
}

/**
 * An axios error reduced to what helps debugging. Its `config`, `request` and `response` carry the request
 * headers (API keys) and sockets, so they are never copied, only these chosen fields.
 */
export function reduceAxiosError(error: AxiosError, { walk, text }: Redaction): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: error.name,
    message: text(error.message),
    code: error.code,
    status: error.response?.status,
    method: error.config?.method?.toUpperCase(),
    url: error.config === undefined ? undefined : text(requestUrl(error.config)),
  };
  const retryState: IAxiosRetryConfigExtended | undefined = error.config?.['axios-retry'];
  if (retryState?.retryCount !== undefined) out.attempts = retryState.retryCount + 1;
  if (error.response !== undefined) out.responseData = truncated(walk(error.response.data, false));
  if (error.stack !== undefined) out.stack = text(error.stack);
  if (error.cause !== undefined) out.cause = walk(error.cause, false);
  return out;
}

function requestUrl(config: AxiosRequestConfig): string {
  try {
    return axios.getUri(config);
  } catch (cause) {
    if (!(cause instanceof Error)) throw cause;
    return `${config.baseURL ?? ''}${config.url ?? ''}`;
  }
}

function truncated(data: unknown): unknown {
  if (data === undefined || data === null) return data;
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  if (text.length <= MAX_RESPONSE_DATA_LENGTH) return data;
  return `${text.slice(0, MAX_RESPONSE_DATA_LENGTH)}…[truncated from ${text.length} chars]`;
}
