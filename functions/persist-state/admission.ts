import { timeframeMs } from '../../shared/domain/bar.js';
import { RULES_VERSION, wasOpenAt } from '../../shared/domain/signal.js';
import type { Signal, SignalCandidate } from '../../shared/domain/signal.js';
import { isInCooldown } from './cooldown.js';
import { DEFAULT_LIFECYCLE_POLICY } from './policy.js';
import type { LifecyclePolicy } from './policy.js';
import { costR } from './scale-out.js';
import { instantMs, isoInstant } from './time.js';

export type AdmissionRejection = 'DUPLICATE' | 'PYRAMIDING' | 'COOLDOWN';

export type AdmissionVerdict =
  { readonly admitted: true } | { readonly admitted: false; readonly reason: AdmissionRejection; readonly detail: string };

export interface AdmissionOptions {
  readonly now: Date | string;
  readonly policy?: LifecyclePolicy;
  /** Open times of the closed bars the decision saw, oldest first (cool-down bars are counted in them). */
  readonly barTimes?: readonly string[];
}

/**
 * Decides whether a candidate may become a stored signal, checking in this order: DUPLICATE (its id is
 * already stored: create-if-absent), PYRAMIDING (a signal open at `now` on the same symbol, on any timeframe
 * with the `SYMBOL` open-signal scope, on the same one with `TIMEFRAME`), COOLDOWN (in bars).
 * Both guards look at the signals as they stood at `now`, so replaying the past against a store that already
 * holds later signals decides exactly as the first run did.
 */
export function admitCandidate(
  candidate: SignalCandidate,
  existing: readonly Signal[],
  options: AdmissionOptions,
): AdmissionVerdict {
  const policy = options.policy ?? DEFAULT_LIFECYCLE_POLICY;
  if (existing.some((signal) => signal.signalId === candidate.signalId)) {
    return { admitted: false, reason: 'DUPLICATE', detail: `signal ${candidate.signalId} already exists` };
  }
  const nowIso = isoInstant(options.now, 'now');
  const nowMs = instantMs(nowIso, 'now');
  const open = existing.find(
    (s) =>
      s.symbol === candidate.symbol &&
      (policy.openSignalScope === 'SYMBOL' || s.timeframe === candidate.timeframe) &&
      wasOpenAt(s, nowMs),
  );
  if (open) {
    const detail = `signal ${open.signalId} on ${open.symbol} ${open.timeframe} was open at ${nowIso} (stored status ${open.status})`;
    return { admitted: false, reason: 'PYRAMIDING', detail };
  }
  const cooldown = isInCooldown({
    candidate,
    pastSignals: existing,
    now: options.now,
    scope: policy.cooldownScope,
    cooldownBars: policy.cooldownBars[candidate.timeframe],
    escapePct: policy.cooldownEscapePct,
    ...(options.barTimes === undefined ? {} : { barTimes: options.barTimes }),
  });
  if (cooldown.blocked) return { admitted: false, reason: 'COOLDOWN', detail: cooldown.reason ?? 'in cool-down' };
  return { admitted: true };
}

/**
 * The first stored state of an admitted candidate: waiting at its entry, nothing taken, nothing exited; its
 * validity and costs fixed by the policy, the entry's cost already in R net.
 */
export function openSignal(
  candidate: SignalCandidate,
  now: Date | string,
  policy: LifecyclePolicy = DEFAULT_LIFECYCLE_POLICY,
): Signal {
  const costs = policy.costs[candidate.assetClass];
  return {
    ...candidate,
    status: 'WAITING',
    rulesVersion: RULES_VERSION,
    currentStop: candidate.stop,
    lastBarTimestamp: candidate.barTimestamp,
    openFraction: 1,
    barsHeld: 0,
    validUntil: estimatedValidUntil(candidate, policy.validityBars[candidate.timeframe]),
    validityBars: policy.validityBars[candidate.timeframe],
    tp1Reached: false,
    realizedR: 0,
    realizedRNet: 0 - costR({ ...candidate, costs }, 1, candidate.entry),
    costs,
    exitReason: null,
    exitPrice: null,
    exitTime: null,
    updatedAt: isoInstant(now, 'now'),
  };
}

const DAY_MS = 86_400_000;

/**
 * When the last bar of the validity closes, for people (the lifecycle counts bars): crypto trades around the clock;
 * an equity daily bar is counted on weekdays (a holiday makes the real end a day later).
 */
function estimatedValidUntil(candidate: SignalCandidate, validityBars: number): string {
  let time = instantMs(candidate.barCloseTime, 'candidate.barCloseTime');
  if (candidate.assetClass !== 'EQUITY' || candidate.timeframe !== '1Day') {
    return new Date(time + validityBars * timeframeMs(candidate.timeframe)).toISOString();
  }
  for (let counted = 0; counted < validityBars;) {
    time += DAY_MS;
    const weekday = new Date(time).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  return new Date(time).toISOString();
}
