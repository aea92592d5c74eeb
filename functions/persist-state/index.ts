import { analysisKind } from '../../shared/messages/analysis.js';
import type { Analysis } from '../../shared/messages/analysis.js';
import { relayOutbox } from '../../shared/runtime/outbox-relay.js';
import { createPushHandler } from '../../shared/runtime/push-handler.js';
import type { HandlerContext } from '../../shared/runtime/push-handler.js';
import type { StateStore } from '../../shared/store/store.port.js';
import { applyAnalysis } from './apply-analysis.js';
import type { LifecyclePolicy } from './policy.js';

export interface PersistStateDeps extends HandlerContext {
  readonly store: StateStore;
  readonly policy: LifecyclePolicy;
  /** The kill switch (`sentinel pause`): while it is set no new signal (or shadow) is admitted; open signals go on. */
  readonly paused?: () => Promise<boolean>;
}

/** Analysis → stored signal state and events (through the outbox). */
export function createPersistState(deps: PersistStateDeps) {
  // Whether the outbox may hold events no relay of this instance has published: true at start (an earlier instance may
  // have stopped between its write and its relay) and after any failure; false after a relay with no failure since.
  let unrelayed = true;
  let failures = 0;
  return createPushHandler('persistState', analysisKind, deps, async (analysis) => {
    const failuresBefore = failures;
    try {
      const relayed = await persist(analysis, unrelayed);
      if (relayed && failures === failuresBefore) unrelayed = false;
    } catch (error) {
      failures++;
      unrelayed = true;
      throw error;
    }
  });

  /** Applies the analysis; true when it relayed the outbox. */
  async function persist(analysis: Analysis, unrelayedBefore: boolean): Promise<boolean> {
    // Read only when there is something to admit: most analyses carry no candidate.
    const admits = analysis.candidates.length > 0 || analysis.rejected.length > 0;
    const paused = admits && (await deps.paused?.()) === true;
    if (paused)
      deps.log.warn('paused: new candidates not admitted', {
        symbol: analysis.symbol,
        asOf: analysis.asOf,
        candidates: analysis.candidates.length,
      });
    const outcome = await applyAnalysis(
      paused ? { ...analysis, candidates: [], rejected: [] } : analysis,
      deps.store,
      deps.policy,
    );
    // The state and its outbox are written; a crash here must not lose or duplicate an event (DESIGN §3).
    deps.fault?.('persistState:after-write');
    for (const gap of outcome.gaps) {
      deps.log.warn(`signal ${gap.signalId} has a gap: bars after ${gap.from} and before ${gap.to} were never applied`, {
        symbol: analysis.symbol,
        timeframe: analysis.timeframe,
        ...gap,
      });
    }
    if (outcome.created + outcome.transitions + outcome.rejected > 0) {
      deps.log.debug('state changed', { symbol: analysis.symbol, asOf: analysis.asOf, ...outcome, gaps: outcome.gaps.length });
    }
    // An analysis that wrote nothing leaves nothing to relay (most of them): the outbox is read only after a write,
    // or while it may hold events this instance has not relayed.
    const wrote = outcome.created + outcome.transitions + outcome.rejected + outcome.gaps.length > 0;
    if (!wrote && !unrelayedBefore) return false;
    await relayOutbox(deps.store, deps.bus, deps.now);
    return true;
  }
}
