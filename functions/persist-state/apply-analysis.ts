import { OPEN_STATUSES, wasOpenAt } from '../../shared/domain/signal.js';
import type { Signal } from '../../shared/domain/signal.js';
import { ConflictError } from '../../shared/errors/errors.js';
import { lifecycleBars } from '../../shared/messages/analysis.js';
import type { Analysis } from '../../shared/messages/analysis.js';
import { versionOf } from '../../shared/store/store.port.js';
import type { StateStore } from '../../shared/store/store.port.js';
import { admitCandidate, openSignal } from './admission.js';
import type { AdmissionRejection } from './admission.js';
import { catchUp } from './catch-up.js';
import type { BarGap } from './catch-up.js';
import { createdEvent, lifecycleEventMessage, rejectedEvent } from './event-messages.js';
import type { LifecyclePolicy } from './policy.js';

/** What one analysis changed in the store. */
export interface ApplyOutcome {
  transitions: number;
  created: number;
  rejected: number;
  blocked: Partial<Record<AdmissionRejection, number>>;
  /** Open signals whose last applied bar the analysis did not reach back to. */
  gaps: BarGap[];
}

/**
 * The single writer of signal state (DESIGN §1): applies every closed bar the analysis holds after each open
 * signal's last applied bar, then admits new candidates (pyramiding and cooldown guards) and records shadows.
 * Every change is a compare-and-set or create-if-absent with its events in the same transaction, so a redelivered
 * or duplicated analysis changes nothing. `asOf` is the decision time, which keeps replays deterministic.
 */
export async function applyAnalysis(analysis: Analysis, store: StateStore, policy: LifecyclePolicy): Promise<ApplyOutcome> {
  const now = new Date(analysis.asOf);
  const outcome: ApplyOutcome = { transitions: 0, created: 0, rejected: 0, blocked: {}, gaps: [] };
  const { bars, window } = lifecycleBars(analysis);
  const scope = { symbol: analysis.symbol, timeframe: analysis.timeframe };
  for (const open of await store.listSignals({ ...scope, statuses: OPEN_STATUSES })) {
    const { signal, steps, gap } = catchUp(open, bars, now, window);
    if (signal === open && steps.length === 0) continue;
    const messages = steps.map((step) => lifecycleEventMessage(step.event, step.signal));
    const result = await store.transitionSignal(signal.signalId, versionOf(open), signal, messages);
    if (result === 'conflict') throw new ConflictError(`signal ${signal.signalId} changed while applying ${analysis.asOf}`);
    if (result !== 'applied') continue;
    outcome.transitions += steps.filter((step) => step.event.type !== 'signal.gap').length;
    if (gap) outcome.gaps.push(gap);
  }
  if (analysis.candidates.length === 0 && analysis.rejected.length === 0) return outcome;
  // Admission needs the symbol's whole history on every timeframe (recent exits for the cooldown, open signals,
  // duplicates), read after the lifecycle.
  const known = await store.listSignals({ symbol: analysis.symbol });
  const barTimes = window ? bars.map((bar) => bar.timestamp) : undefined;
  for (const candidate of analysis.candidates) {
    const verdict = admitCandidate(candidate, known, { now, policy, ...(barTimes ? { barTimes } : {}) });
    if (!verdict.admitted) {
      outcome.blocked[verdict.reason] = (outcome.blocked[verdict.reason] ?? 0) + 1;
      continue;
    }
    const signal: Signal = openSignal(candidate, now, policy);
    if ((await store.createSignalIfAbsent(signal, [createdEvent(signal, analysis.recentBars)])) === 'created') outcome.created++;
    known.push(signal);
  }
  const symbolBusy = known.some(
    (signal) =>
      (policy.openSignalScope === 'SYMBOL' || signal.timeframe === analysis.timeframe) && wasOpenAt(signal, now.getTime()),
  );
  for (const shadow of symbolBusy ? [] : analysis.rejected) {
    if ((await store.recordRejectedIfAbsent(shadow, rejectedEvent(shadow))) === 'created') outcome.rejected++;
  }
  return outcome;
}
