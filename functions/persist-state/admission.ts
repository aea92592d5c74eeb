import { wasOpenAt } from '../../shared/domain/signal.js';
import type { Signal, SignalCandidate } from '../../shared/domain/signal.js';
import { isInCooldown } from './cooldown.js';
import type { CooldownScope } from './cooldown.js';
import { instantMs, isoInstant } from './time.js';

export type AdmissionRejection = 'DUPLICATE' | 'PYRAMIDING' | 'COOLDOWN';

export type AdmissionVerdict =
  | { readonly admitted: true }
  | { readonly admitted: false; readonly reason: AdmissionRejection; readonly detail: string };

export interface AdmissionOptions {
  readonly now: Date | string;
  readonly cooldownScope: CooldownScope;
  readonly windowHours?: number;
  readonly escapePct?: number;
}

/**
 * Decides whether a candidate may become a stored signal, checking in this order: DUPLICATE (its id is
 * already stored: create-if-absent), PYRAMIDING (a signal on the same symbol and timeframe open at `now`), COOLDOWN.
 * Both guards look at the signals as they stood at `now`, so replaying the past against a store that already
 * holds later signals decides exactly as the first run did.
 */
export function admitCandidate(
  candidate: SignalCandidate,
  existing: readonly Signal[],
  options: AdmissionOptions,
): AdmissionVerdict {
  if (existing.some((signal) => signal.signalId === candidate.signalId)) {
    return { admitted: false, reason: 'DUPLICATE', detail: `signal ${candidate.signalId} already exists` };
  }
  const nowIso = isoInstant(options.now, 'now');
  const nowMs = instantMs(nowIso, 'now');
  const open = existing.find(
    (s) => s.symbol === candidate.symbol && s.timeframe === candidate.timeframe && wasOpenAt(s, nowMs),
  );
  if (open) {
    const detail = `signal ${open.signalId} on ${open.symbol} ${open.timeframe} was open at ${nowIso} (stored status ${open.status})`;
    return { admitted: false, reason: 'PYRAMIDING', detail };
  }
  const cooldown = isInCooldown({
    candidate,
    pastSignals: existing,
    now: options.now,
    scope: options.cooldownScope,
    windowHours: options.windowHours,
    escapePct: options.escapePct,
  });
  if (cooldown.blocked) return { admitted: false, reason: 'COOLDOWN', detail: cooldown.reason ?? 'in cool-down' };
  return { admitted: true };
}

/** The first stored state of an admitted candidate: waiting at its entry, nothing taken, nothing exited. */
export function openSignal(candidate: SignalCandidate, now: Date | string): Signal {
  return {
    ...candidate,
    status: 'WAITING',
    currentStop: candidate.stop,
    lastBarTimestamp: candidate.barTimestamp,
    openFraction: 1,
    realizedR: 0,
    exitReason: null,
    exitPrice: null,
    exitTime: null,
    updatedAt: isoInstant(now, 'now'),
  };
}
