import test from 'ava';
import { generateCandidates } from '../../../functions/generate-signals/candidates/index.js';
import { LIFECYCLE_EVENT_TYPES } from '../../../functions/persist-state/lifecycle-event.js';
import type { LifecycleEvent } from '../../../functions/persist-state/lifecycle-event.js';
import { analysisKind } from '../../../shared/messages/analysis.js';
import type { Analysis } from '../../../shared/messages/analysis.js';
import { decodePushEvent } from '../../../shared/messages/envelope.js';
import { LIFECYCLE_TYPES } from '../../../shared/messages/events.js';
import type { SignalLifecycleEvent } from '../../../shared/messages/events.js';
import type { Mirrors } from '../../../shared/messages/fields.js';
import { pushEventFor } from '../../../shared/testing/events.js';
import { loadBars } from '../../helpers/data.js';

type LifecycleFields = Omit<SignalLifecycleEvent, 'schemaVersion' | 'assetClass' | 'signal'>;
const _lifecycle: Mirrors<LifecycleFields, LifecycleEvent> = true;

const DAY = 86_400_000;
const btc = loadBars('btc-usd-1d.csv');

/** Also the compile-time proof that a `CandidateResult` fits an analysis as it is. */
function analysisAt(end: number): Analysis {
  const closedAt = new Date(Date.parse(btc[end].timestamp) + DAY);
  const result = generateCandidates('BTC/USD', 'CRYPTO', '1Day', btc.slice(0, end + 1), closedAt);
  const { snapshots, candidates, rejected } = result;
  const header = {
    requestId: 'alignment',
    symbol: 'BTC/USD',
    assetClass: 'CRYPTO',
    timeframe: '1Day',
    asOf: closedAt.toISOString(),
  } as const;
  return { schemaVersion: 2, ...header, snapshots, candidates, rejected };
}

test('the event types on the wire are the lifecycle event types', (t) => {
  t.deepEqual([...LIFECYCLE_TYPES], [...LIFECYCLE_EVENT_TYPES]);
});

test('real engine output on btc-usd-1d.csv survives the trip through Pub/Sub unchanged', (t) => {
  const start = btc.findIndex((bar) => bar.timestamp.startsWith('2024-01-01'));
  let candidates = 0;
  let rejected = 0;
  for (let end = start; end < start + 90; end++) {
    const analysis = analysisAt(end);
    candidates += analysis.candidates.length;
    rejected += analysis.rejected.length;
    t.deepEqual(decodePushEvent(analysisKind.schema, pushEventFor(analysisKind, analysis)).payload, analysis);
  }
  t.true(candidates > 0 && rejected > 0, `${candidates} candidates and ${rejected} rejected in 90 days of 2024`);
});
