import { v5 as uuidv5 } from 'uuid';
import type { Timeframe } from './bar.js';
import type { PatternName } from './patterns.js';

/** UUIDv5 namespace of every id we derive (RFC 4122 DNS namespace, as the reference system used). */
export const ID_NAMESPACE = uuidv5.DNS;

/** `signalId`: the same setup on the same bar gets the same id on every run and machine (DESIGN §3). */
export function signalIdFor(symbol: string, timeframe: Timeframe, pattern: PatternName, barOpenTimeIso: string): string {
  return uuidv5(`${symbol}|${timeframe}|${pattern}|${barOpenTimeIso}`, ID_NAMESPACE);
}

/** Id of the shadow (rejected) twin of a setup, never equal to an accepted signal's id. */
export function rejectedSignalIdFor(symbol: string, timeframe: Timeframe, pattern: PatternName, barOpenTimeIso: string): string {
  return uuidv5(`${symbol}|${timeframe}|${pattern}|${barOpenTimeIso}|REJECTED`, ID_NAMESPACE);
}

/** `eventId` of one transition of one signal: a redelivered transition maps to the same event. */
export function eventIdFor(signalId: string, transition: string): string {
  return uuidv5(`${signalId}|${transition}`, ID_NAMESPACE);
}
