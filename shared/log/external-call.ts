import type { Logger } from './logger.js';

/** What one external call's log line says: never a URL with its query, a header or a body. */
export interface ExternalCall {
  /** `alpaca`, `discord`, `secret-manager`… */
  readonly service: string;
  readonly method: string;
  /** The path or a name for it (a Discord webhook is its route, never its URL). */
  readonly endpoint: string;
  /** HTTP status, or undefined when no answer came (network error, timeout). */
  readonly status: number | undefined;
  readonly durationMs: number;
  /** Failures in a row to this service from this instance, this one included (0 after a success). */
  readonly consecutiveFailures: number;
}

const streaks = new Map<string, number>();

/**
 * Logs one structured line per external call (the audit trail of issue 12, point 7; the log-based metrics of
 * terraform/alerts.tf count them): `event: external.call`, service, method, endpoint, status, duration and the
 * failure streak, which the "3 consecutive Alpaca errors" alert reads. A failure is no answer, 429 or 5xx.
 */
export function logExternalCall(logger: Pick<Logger, 'info' | 'warn'>, call: Omit<ExternalCall, 'consecutiveFailures'>): void {
  const failed = call.status === undefined || call.status === 429 || call.status >= 500;
  const consecutiveFailures = failed ? (streaks.get(call.service) ?? 0) + 1 : 0;
  streaks.set(call.service, consecutiveFailures);
  const line = { event: 'external.call', ...call, consecutiveFailures };
  if (failed) logger.warn(`${call.service} call failed`, line);
  else logger.info(`${call.service} call`, line);
}
