import { barCloseTime } from '../../shared/domain/sessions/bar-close.js';
import type { Bar } from '../../shared/domain/bar.js';
import type { BundledSeries } from '../../shared/market-data/bundled-bars.js';
import { isOpenStatus } from '../../shared/domain/signal.js';
import type { RejectedCandidate, Signal } from '../../shared/domain/signal.js';
import { ENGINE_PARAMS, generateCandidates } from '../../functions/generate-signals/candidates/index.js';
import { admitCandidate, openSignal } from '../../functions/persist-state/admission.js';
import type { AdmissionRejection } from '../../functions/persist-state/admission.js';
import { catchUp } from '../../functions/persist-state/catch-up.js';
import type { LifecycleEvent } from '../../functions/persist-state/lifecycle.js';
import { DEFAULT_LIFECYCLE_POLICY } from '../../functions/persist-state/policy.js';
import type { LifecyclePolicy } from '../../functions/persist-state/policy.js';

export interface WalkForwardOptions {
  /** First bar (open time, inclusive) at which decisions are made; earlier bars only warm up. */
  readonly from?: Date;
  /** Last bar (open time, inclusive) at which decisions are made. */
  readonly to?: Date;
  /** The lifecycle and admission rules (default: `DEFAULT_LIFECYCLE_POLICY`). */
  readonly policy?: LifecyclePolicy;
  /** Called after each decided bar with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Everything one series produced, in order. */
export interface WalkForwardResult {
  readonly series: BundledSeries;
  /** Bars at which a decision was made. */
  readonly steps: number;
  readonly signals: Signal[];
  readonly rejected: RejectedCandidate[];
  readonly events: LifecycleEvent[];
  readonly blocked: Record<AdmissionRejection, number>;
}

/**
 * Walks one series forward bar by bar, deciding at each bar's close exactly as the live pipeline does:
 * the lookback window ending at that bar, the lifecycle of open signals on that bar first, then the
 * admission of new candidates. Nothing after bar `i` is visible at bar `i`.
 */
export function walkForward(series: BundledSeries, bars: readonly Bar[], options: WalkForwardOptions): WalkForwardResult {
  const { lookbackBars, minBars } = ENGINE_PARAMS;
  const policy = options.policy ?? DEFAULT_LIFECYCLE_POLICY;
  const fromMs = options.from?.getTime() ?? -Infinity;
  const toMs = options.to?.getTime() ?? Infinity;
  const decided: number[] = [];
  for (let i = minBars - 1; i < bars.length; i++) {
    const time = Date.parse(bars[i].timestamp);
    if (time >= fromMs && time <= toMs) decided.push(i);
  }
  const signals: Signal[] = [];
  const rejected: RejectedCandidate[] = [];
  const events: LifecycleEvent[] = [];
  const blocked: Record<AdmissionRejection, number> = { DUPLICATE: 0, PYRAMIDING: 0, COOLDOWN: 0 };

  decided.forEach((i, step) => {
    const now = new Date(barCloseTime(bars[i], series.timeframe, series.assetClass));
    const window = bars.slice(Math.max(0, i + 1 - lookbackBars), i + 1);
    const result = generateCandidates(series.symbol, series.assetClass, series.timeframe, window, now);
    for (let k = 0; k < signals.length; k++) {
      if (!isOpenStatus(signals[k].status)) continue;
      const caughtUp = catchUp(signals[k], result.snapshots, now, true);
      signals[k] = caughtUp.signal;
      events.push(...caughtUp.steps.map((step) => step.event));
    }
    const barTimes = result.snapshots.map((bar) => bar.timestamp);
    for (const candidate of result.candidates) {
      const verdict = admitCandidate(candidate, signals, { now, policy, barTimes });
      if (verdict.admitted) signals.push(openSignal(candidate, now, policy));
      else blocked[verdict.reason]++;
    }
    rejected.push(...result.rejected);
    options.onProgress?.(step + 1, decided.length);
  });
  return { series, steps: decided.length, signals, rejected, events, blocked };
}
