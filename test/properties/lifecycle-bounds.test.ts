import test from 'ava';
import type { ExecutionContext } from 'ava';
import { walkForward } from '../../scripts/replay/walk-forward.js';
import type { WalkForwardResult } from '../../scripts/replay/walk-forward.js';
import type { Bar } from '../../shared/domain/bar.js';
import type { Signal } from '../../shared/domain/signal.js';
import { outcomeOf, outcomeStatistics } from '../../shared/domain/statistics.js';
import { DEFAULT_REPLAY_SYMBOLS, findBundledSeries, readBundledBars } from '../../shared/market-data/bundled-bars.js';

// The default daily replay (`npm start`), on the engine's walk forward: the same lifecycle code the pipeline runs.
const runs: { run: WalkForwardResult; bars: Bar[] }[] = DEFAULT_REPLAY_SYMBOLS.map((symbol) => {
  const series = findBundledSeries(symbol, '1Day');
  if (!series) throw new Error(`no bundled ${symbol}`);
  const bars = readBundledBars(series);
  return { run: walkForward(series, bars, {}), bars };
});

const TAKE: Record<string, number> = { 'signal.tp1': 0.5, 'signal.tp2': 0.5 };
const FILLS = new Set(['signal.tp1', 'signal.tp2', 'signal.tp3', 'signal.stopped', 'signal.invalidated', 'signal.expired']);

test('the default daily replay ends at most 40 % of its signals EXPIRED', (t) => {
  const outcomes = runs.flatMap(({ run }) => run.signals).flatMap((signal) => outcomeOf(signal) ?? []);
  const stats = outcomeStatistics(outcomes);
  t.true(stats.count > 30, `${stats.count} ended signals`);
  t.true((stats.expiredShare ?? 1) <= 0.4, `expired share ${stats.expiredShare}`);
});

for (const [k, symbol] of DEFAULT_REPLAY_SYMBOLS.entries()) {
  test(`${symbol}: every bar is applied and no booked result is better than the worst case of its bars`, (t) => {
    const { run, bars } = runs[k];
    t.true(run.signals.length > 0);
    const index = new Map(bars.map((bar, i) => [bar.timestamp, i]));
    for (const signal of run.signals) checkSignal(t, signal, run, bars, index);
  });
}

function checkSignal(
  t: ExecutionContext,
  signal: Signal,
  run: WalkForwardResult,
  bars: readonly Bar[],
  index: ReadonlyMap<string, number>,
): void {
  const id = `${signal.symbol} ${signal.barTimestamp}`;
  const first = (index.get(signal.barTimestamp) ?? -1) + 1;
  const last = index.get(signal.lastBarTimestamp) ?? -1;
  t.is(signal.barsHeld, last - first + 1, `${id}: every bar after the signal bar is applied, none skipped`);
  const events = run.events.filter((event) => event.signalId === signal.signalId);
  t.false(
    events.some((event) => event.type === 'signal.gap'),
    `${id}: no gap`,
  );
  const risk = signal.entry - signal.stop;
  let stop = signal.stop;
  let open = 1;
  let r = 0;
  let ended = false;
  for (let i = first; i <= last; i++) {
    const bar = bars[i];
    const onBar = events.filter((event) => event.barTimestamp === bar.timestamp);
    const stopAtOpen = stop;
    for (const event of onBar) {
      if (!FILLS.has(event.type)) continue;
      t.true(event.price >= bar.low - 1e-9 && event.price <= bar.high + 1e-9, `${id}: ${event.type} fills inside its bar`);
      const fraction = event.type in TAKE ? open * TAKE[event.type] : open;
      r += (fraction * (event.price - signal.entry)) / risk;
      open -= fraction;
      if (event.type === 'signal.tp1') stop = Math.max(stop, signal.entry);
      if (event.type === 'signal.tp2') stop = Math.max(stop, signal.tp1);
      if (open === 0) ended = true;
    }
    if (bar.low <= stopAtOpen) {
      // The stop in force when the bar opened was touched: worst case, nothing survives this bar, and no target
      // is assumed reached before the stop unless the bar opened at or above it.
      t.true(ended, `${id}: a bar touching the stop ${stopAtOpen} on ${bar.timestamp} ends the signal`);
      for (const event of onBar.filter((e) => e.type === 'signal.tp1' || e.type === 'signal.tp2' || e.type === 'signal.tp3')) {
        t.is(event.price, bar.open, `${id}: ${event.type} on a stop bar only as a gap fill at the open`);
      }
      const exit = onBar.find((e) => e.type === 'signal.stopped');
      if (exit && !onBar.some((e) => e.type === 'signal.tp1' || e.type === 'signal.tp2')) {
        t.true(exit.price <= stopAtOpen + 1e-9, `${id}: stopped no better than the stop`);
      }
    }
    if (onBar.some((e) => e.type === 'signal.tp1') && bar.low <= signal.entry) {
      t.true(ended, `${id}: a TP1 bar that touches breakeven closes the rest on it`);
    }
    for (const event of onBar) if (event.type === 'signal.trailed' && event.newStop !== undefined) stop = event.newStop;
    if (ended) {
      t.is(i, last, `${id}: nothing is applied after the exit`);
      break;
    }
  }
  if (signal.exitTime !== null) {
    t.true(Math.abs(r - signal.realizedR) < 1e-9, `${id}: R gross is the sum of its fills (${r} vs ${signal.realizedR})`);
    t.true(signal.realizedRNet <= signal.realizedR + 1e-12, `${id}: R net is never better than R gross`);
  }
}
