import test from 'ava';
import { analysisKind } from '../../shared/messages/analysis.js';
import { encodeMessage } from '../../shared/messages/envelope.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { barTime, makeBar, nowAfter } from '../functions/persist-state/signal-factory.js';
import { makeAnalysis, makeAnalysisV1 } from '../shared/messages/message-factory.js';
import { countByType, openHarness } from './harness.js';

const tp1Bar = { open: 62_100, high: 63_700, low: 62_050, close: 63_400 };
const strip = <B extends { closesAt?: string }>({ closesAt: _closesAt, ...bar }: B) => bar;

test('during a deploy persistState applies a version-1 analysis in flight, then catches up from a version-2 one', async (t) => {
  const harness = openHarness({});
  t.teardown(() => harness.close());
  const publish = async (analysis: Parameters<typeof encodeMessage<typeof analysisKind.schema>>[1]) => {
    await harness.bus.publish(TOPICS.analyses, encodeMessage(analysisKind, analysis));
    await harness.bus.drain();
  };
  // Written by the old generateSignals: the candidate, then the next bar (TP1) as a lone snapshot.
  await publish(makeAnalysisV1());
  await publish(makeAnalysisV1({ asOf: nowAfter(1), snapshot: strip(makeBar(1, tp1Bar)), candidates: [], rejected: [] }));
  const [afterV1] = await harness.store.listSignals();
  t.is(afterV1.status, 'TP1_HIT', 'the version-1 bar was applied');
  t.is(afterV1.lastBarTimestamp, barTime(1));
  t.is(harness.observed.deadLetterDeliveries, 0, 'nothing was dead-lettered');
  // Written by the new generateSignals two bars later: bars 0..3, of which 2 and 3 are new.
  const window = [0, 1, 2, 3].map((k) => ({
    ...makeBar(k, k === 1 ? tp1Bar : { open: 63_500, high: 64_000, low: 63_300, close: 63_800 }),
    closesAt: barTime(k + 1),
  }));
  window[3] = { ...window[3], open: 63_700, high: 65_200, low: 63_600, close: 65_000 };
  await publish(makeAnalysis({ asOf: nowAfter(3), snapshots: window, candidates: [], rejected: [] }));
  const [afterV2] = await harness.store.listSignals();
  t.like(afterV2, { status: 'TP2_HIT', lastBarTimestamp: barTime(3), barsHeld: 3 });
  t.is(harness.observed.deadLetterDeliveries, 0);
  t.like(countByType(harness.observed.events), { 'signal.created': 1, 'signal.tp1': 1, 'signal.tp2': 1 });
});

test('a version-2 analysis that does not reach back to the last applied bar publishes a signal.gap on the system route and logs it', async (t) => {
  const harness = openHarness({});
  t.teardown(() => harness.close());
  await harness.bus.publish(TOPICS.analyses, encodeMessage(analysisKind, makeAnalysis()));
  await harness.bus.drain();
  const window = [5, 6].map((k) => ({ ...makeBar(k), closesAt: barTime(k + 1) }));
  await harness.bus.publish(
    TOPICS.analyses,
    encodeMessage(analysisKind, makeAnalysis({ asOf: nowAfter(6), snapshots: window, candidates: [], rejected: [] })),
  );
  await harness.bus.drain();
  t.like(countByType(harness.observed.events), { 'signal.gap': 1 });
  const [signal] = await harness.store.listSignals();
  t.like(signal, { status: 'WAITING', lastBarTimestamp: barTime(6), barsHeld: 2 });
  t.true(
    harness.logs.some(
      (line) =>
        line.includes('"WARNING"') && line.includes(`bars after ${barTime(0)} and before ${barTime(5)} were never applied`),
    ),
  );
  const gapText = [...harness.sink.texts.values()].find((text) => text.includes('BAR GAP'));
  t.truthy(gapText, 'the gap was notified');
});
