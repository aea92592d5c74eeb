import test from 'ava';
import { z } from 'zod';
import { walkForward } from '../../scripts/replay/walk-forward.js';
import { eventIdFor } from '../../shared/domain/ids.js';
import { barsOf, dailySeries, openHarness, replay, sortedEntries, storedSignals, tempDir } from './harness.js';

// The whole bundled daily history of two crypto pairs and an equity, replayed together.
const SYMBOLS = ['BTC/USD', 'ETH/USD', 'SPY'] as const;

const dir = tempDir();
test.after.always(() => dir.remove());

const pipeline = (async () => {
  const harness = openHarness({ path: `${dir.path}/pipeline.db` });
  try {
    await replay(harness.bus, { symbols: SYMBOLS });
    const signals = await Promise.all(SYMBOLS.map((symbol) => storedSignals(harness.store, [symbol])));
    return { signals, events: harness.observed.events };
  } finally {
    await harness.close();
  }
})();

const engine = SYMBOLS.map((symbol) => {
  const series = dailySeries(symbol);
  return walkForward(series, barsOf(series), {});
});

test('the engine produces signals and lifecycle events on this history', (t) => {
  const signals = engine.reduce((n, run) => n + run.signals.length, 0);
  const events = engine.reduce((n, run) => n + run.events.length, 0);
  t.true(signals >= 40, `${signals} signals`);
  t.true(events >= signals, `${events} lifecycle events`);
});

for (const [k, symbol] of SYMBOLS.entries()) {
  test(`the signals the pipeline stores for ${symbol} are exactly walkForward's`, async (t) => {
    const { signals } = await pipeline;
    t.is(signals[k].length, engine[k].signals.length);
    t.deepEqual(signals[k], engine[k].signals);
  });
}

/** A published event without what the transport adds to the engine's event (version, asset class, signal after it). */
function engineView(json: string): Record<string, unknown> {
  const event = z.record(z.string(), z.unknown()).parse(JSON.parse(json));
  const view = Object.fromEntries(
    Object.entries(event).filter(([key]) => !['schemaVersion', 'assetClass', 'signal'].includes(key)),
  );
  return event.type === 'signal.created' ? { type: event.type, signalId: event.signalId } : view;
}

test('the pipeline publishes exactly the engine’s creations and lifecycle events, with the same content', async (t) => {
  const { events } = await pipeline;
  const published = sortedEntries(events)
    .map(([eventId, json]): [string, Record<string, unknown>] => [eventId, engineView(json)])
    .filter(([, event]) => event.type !== 'signal.rejected');
  const expected: [string, Record<string, unknown>][] = [];
  for (const run of engine) {
    for (const signal of run.signals) {
      expected.push([eventIdFor(signal.signalId, 'signal.created'), { type: 'signal.created', signalId: signal.signalId }]);
    }
    for (const event of run.events) expected.push([event.eventId, { ...event }]);
  }
  t.deepEqual(published, sortedEntries(new Map(expected)));
});
