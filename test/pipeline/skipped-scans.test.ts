import test from 'ava';
import { ENGINE_PARAMS } from '../../functions/generate-signals/candidates/index.js';
import { decisionSteps } from '../../scripts/replay/decision-times.js';
import type { DecisionStep } from '../../scripts/replay/decision-times.js';
import { replayThroughPipeline } from '../../scripts/replay/pipeline-replay.js';
import { barsOf, dailySeries, openHarness, seededRandom, storedSignals } from './harness.js';

// Three interleaved daily series (two crypto pairs and an equity) over four years of real bars.
const SYMBOLS = ['BTC/USD', 'ETH/USD', 'SPY'];
const series = SYMBOLS.map((symbol) => ({
  symbol,
  assetClass: dailySeries(symbol).assetClass,
  bars: barsOf(dailySeries(symbol)),
}));
const steps = decisionSteps(series, '1Day', {
  from: new Date('2017-01-01T00:00:00Z'),
  to: new Date('2020-12-31T00:00:00Z'),
  minBars: ENGINE_PARAMS.minBars,
});

/**
 * Where two values differ, numbers within a relative 1e-7: an indicator at a bar (the chandelier exit a stop trails)
 * depends in its last digits on where the 365-bar lookback window starts, so the same bar read by a later scan can
 * differ there.
 */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(a), Math.abs(b)) ? [] : [`${path}: ${a} ≠ ${b}`];
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((key) => differences(Reflect.get(a, key), Reflect.get(b, key), `${path}.${key}`));
  }
  return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
}

/** What a run ended with: the signals (without the time of their last write) and every lifecycle event's facts. */
async function run(moments: readonly DecisionStep[]) {
  const harness = openHarness({});
  try {
    await replayThroughPipeline(harness.bus, '1Day', moments);
    const signals = (await storedSignals(harness.store, SYMBOLS)).map(({ updatedAt: _updatedAt, ...signal }) => signal);
    const events = [...harness.observed.events.values()]
      .map((json) => JSON.parse(json) as Record<string, unknown>)
      .filter((event) => event.type !== 'signal.rejected')
      .map(({ eventId, type, barTimestamp, price, realizedR, realizedRNet, exitReason, status }) => ({
        eventId,
        type,
        barTimestamp,
        price,
        realizedR,
        realizedRNet,
        exitReason,
        status,
      }))
      .sort((a, b) => String(a.eventId).localeCompare(String(b.eventId)));
    return {
      signals,
      events,
      createdAt: new Set(signals.map((signal) => signal.createdAt)),
      deadLetters: harness.observed.deadLetterDeliveries,
    };
  } finally {
    await harness.close();
  }
}

/**
 * Drops random runs of up to 5 scans in a row. A missed scan cannot create the signal it would have found, so the
 * moments at which the clean run created one are kept, and so is the last moment (it applies the last bars).
 */
function skipSome(keep: ReadonlySet<string>, seed: number): { moments: DecisionStep[]; skipped: number; longest: number } {
  const random = seededRandom(seed);
  const moments: DecisionStep[] = [];
  let skipped = 0;
  let longest = 0;
  let run = 0;
  for (const [i, step] of steps.entries()) {
    const skippable = i < steps.length - 1 && !keep.has(step.asOf.toISOString());
    const startRun = run === 0 && random() < 0.15;
    if (skippable && (run > 0 || startRun) && run < 5) {
      run++;
      skipped++;
      longest = Math.max(longest, run);
      if (random() < 0.3) run = 0;
      continue;
    }
    run = 0;
    moments.push(step);
  }
  return { moments, skipped, longest };
}

test('a replay with random scans skipped (up to 5 in a row) ends with the same signals, transitions and R', async (t) => {
  t.timeout(600_000, 'two pipeline replays; slow when the machine is busy');
  const clean = await run(steps);
  t.true(clean.signals.length >= 10, `${clean.signals.length} signals`);
  t.true(clean.events.some((event) => event.type === 'signal.tp1'));
  const { moments, skipped, longest } = skipSome(clean.createdAt, 11);
  t.true(skipped > 50 && longest === 5, `${skipped} scans skipped, at most ${longest} in a row`);
  const gappy = await run(moments);
  t.is(gappy.deadLetters, 0);
  t.false(
    gappy.events.some((event) => event.type === 'signal.gap'),
    'a 5-scan hole is inside the analysis window',
  );
  t.is(gappy.signals.length, clean.signals.length);
  t.is(gappy.events.length, clean.events.length);
  t.deepEqual(differences(gappy.signals, clean.signals), []);
  t.deepEqual(differences(gappy.events, clean.events), []);
});
