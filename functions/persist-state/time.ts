import { InvalidArgumentError } from '../../shared/errors/errors.js';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * Epoch ms of an ISO-8601 UTC instant. Only `Z` times are accepted, since a zone-less one would shift with
 * the host, and the date must exist (`Date.parse` rolls 31 February over into March).
 */
export function instantMs(value: string, argument: string): number {
  const ms = typeof value === 'string' && ISO_UTC.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 19) !== value.slice(0, 19)) {
    throw new InvalidArgumentError(argument, `is not an ISO-8601 UTC time: ${JSON.stringify(value)}`);
  }
  return ms;
}

/** The caller's clock reading as an ISO string, so that no function here reads the clock itself. */
export function isoInstant(value: Date | string, argument: string): string {
  if (value instanceof Date) {
    if (!Number.isFinite(value.getTime())) throw new InvalidArgumentError(argument, 'is an invalid Date');
    return value.toISOString();
  }
  return new Date(instantMs(value, argument)).toISOString();
}
