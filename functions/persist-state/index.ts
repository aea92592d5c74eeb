import { analysisKind } from '../../shared/messages/analysis.js';
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
  return createPushHandler('persistState', analysisKind, deps, async (analysis) => {
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
    await relayOutbox(deps.store, deps.bus, deps.now);
  });
}
