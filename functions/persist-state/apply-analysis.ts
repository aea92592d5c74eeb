import { OPEN_STATUSES, wasOpenAt } from '../../shared/domain/signal.js';
import type { Signal } from '../../shared/domain/signal.js';
import { ConflictError } from '../../shared/errors/errors.js';
import type { Analysis } from '../../shared/messages/analysis.js';
import { versionOf } from '../../shared/store/store.port.js';
import type { StateStore } from '../../shared/store/store.port.js';
import { admitCandidate, openSignal } from './admission.js';
import type { AdmissionRejection } from './admission.js';
import type { CooldownScope } from './cooldown.js';
import { createdEvent, lifecycleEventMessage, rejectedEvent } from './event-messages.js';
import { advanceSignal } from './lifecycle.js';

/** What one analysis changed in the store. */
export interface ApplyOutcome {
  transitions: number;
  created: number;
  rejected: number;
  blocked: Partial<Record<AdmissionRejection, number>>;
}

/**
 * The single writer of signal state (DESIGN §1): applies the newest closed bar to the symbol's open signals,
 * then admits new candidates (pyramiding and cooldown guards) and records shadows. Every change is a
 * compare-and-set or create-if-absent with its events in the same transaction, so a redelivered or
 * duplicated analysis changes nothing. `asOf` is the decision time, which keeps replays deterministic.
 */
export async function applyAnalysis(
  analysis: Analysis,
  store: StateStore,
  cooldownScope: CooldownScope,
): Promise<ApplyOutcome> {
  const now = new Date(analysis.asOf);
  const outcome: ApplyOutcome = { transitions: 0, created: 0, rejected: 0, blocked: {} };
  const scope = { symbol: analysis.symbol, timeframe: analysis.timeframe };
  for (const open of await store.listSignals({ ...scope, statuses: OPEN_STATUSES })) {
    const { signal, event } = advanceSignal(open, analysis.snapshot, now);
    if (signal === open) continue;
    const events = event ? [lifecycleEventMessage(event, signal)] : [];
    const result = await store.transitionSignal(signal.signalId, versionOf(open), signal, events);
    if (result === 'conflict') throw new ConflictError(`signal ${signal.signalId} changed while applying ${analysis.asOf}`);
    if (result === 'applied' && event) outcome.transitions++;
  }
  if (analysis.candidates.length === 0 && analysis.rejected.length === 0) return outcome;
  // Admission needs the whole history of the symbol (recent exits for the cooldown, duplicates), read after the lifecycle.
  const known = await store.listSignals(scope);
  for (const candidate of analysis.candidates) {
    const verdict = admitCandidate(candidate, known, { now, cooldownScope });
    if (!verdict.admitted) {
      outcome.blocked[verdict.reason] = (outcome.blocked[verdict.reason] ?? 0) + 1;
      continue;
    }
    const signal: Signal = openSignal(candidate, now);
    if ((await store.createSignalIfAbsent(signal, [createdEvent(signal, analysis.recentBars)])) === 'created') outcome.created++;
    known.push(signal);
  }
  const symbolBusy = known.some((signal) => wasOpenAt(signal, now.getTime()));
  for (const shadow of symbolBusy ? [] : analysis.rejected) {
    if ((await store.recordRejectedIfAbsent(shadow, rejectedEvent(shadow))) === 'created') outcome.rejected++;
  }
  return outcome;
}
