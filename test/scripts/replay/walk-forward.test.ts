import test from 'ava';
import { generateCandidates } from '../../../functions/generate-signals/candidates/index.js';
import { isOpenStatus, RULES_VERSION } from '../../../shared/domain/signal.js';
import { findBundledSeries, readBundledBars } from '../../../shared/market-data/bundled-bars.js';
import type { BundledSeries } from '../../../shared/market-data/bundled-bars.js';
import { walkForward } from '../../../scripts/replay/walk-forward.js';
import { summarizeSignals } from '../../../scripts/replay/summary.js';

function series(symbol: string): BundledSeries {
  const found = findBundledSeries(symbol, '1Day');
  if (!found) throw new Error(`no bundled ${symbol}`);
  return found;
}

const btc = series('BTC/USD');
const btcBars = readBundledBars(btc);
const from = new Date('2021-01-01T00:00:00Z');
const to = new Date('2025-12-31T00:00:00Z');
const run = walkForward(btc, btcBars, { from, to });

test('decides exactly at the bars between --from and --to', (t) => {
  const inRange = btcBars.filter((bar) => {
    const time = Date.parse(bar.timestamp);
    return time >= from.getTime() && time <= to.getTime();
  });
  t.is(run.steps, inRange.length);
  t.true(run.signals.length > 0, 'five years of BTC produce signals');
  for (const signal of run.signals) {
    t.true(signal.barTimestamp >= '2021-01-01' && signal.barTimestamp <= '2025-12-31T', signal.barTimestamp);
  }
});

test('every replayed signal is what the live system decides on the full history up to that bar', (t) => {
  for (const signal of run.signals) {
    const end = btcBars.findIndex((bar) => bar.timestamp === signal.barTimestamp);
    const live = generateCandidates('BTC/USD', 'CRYPTO', '1Day', btcBars.slice(0, end + 1), new Date(signal.barCloseTime));
    const [candidate] = live.candidates;
    t.is(candidate?.signalId, signal.signalId, signal.barTimestamp);
    t.deepEqual([candidate.entry, candidate.stop, candidate.tp1], [signal.entry, signal.stop, signal.tp1]);
  }
});

test('one signal per symbol at a time: the pyramiding guard holds through the replay', (t) => {
  const spans = run.signals.map((s) => [Date.parse(s.barTimestamp), s.exitTime ? Date.parse(s.exitTime) : Infinity]);
  spans.sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < spans.length; k++) {
    t.true(spans[k][0] >= spans[k - 1][1], `signal ${k} opened before signal ${k - 1} ended`);
  }
});

test('events come in bar order, each transition at most once per signal, and ended signals carry their exit', (t) => {
  const seen = new Set<string>();
  let previous = '';
  for (const event of run.events) {
    t.true(event.barTimestamp >= previous, 'events are in bar order');
    previous = event.barTimestamp;
    if (event.type === 'signal.trailed') continue;
    const key = `${event.signalId}|${event.type}`;
    t.false(seen.has(key), `two ${key}`);
    seen.add(key);
  }
  for (const signal of run.signals) {
    if (isOpenStatus(signal.status)) t.is(signal.exitTime, null);
    else t.true(signal.exitPrice !== null && signal.exitReason !== null && signal.exitTime !== null, signal.signalId);
  }
});

test('the summary counts every signal once, by outcome and by pattern (ended or open)', (t) => {
  const summary = summarizeSignals(run.signals, RULES_VERSION);
  const outcomes = Object.values(summary.outcomes).reduce((sum: number, n) => sum + (n ?? 0), 0);
  const byPattern = Object.values(summary.byPattern).reduce((sum: number, s) => sum + (s ? s.count + s.open : 0), 0);
  t.is(outcomes, run.signals.length);
  t.is(byPattern, run.signals.length);
  t.is(summary.all.count + summary.all.open, run.signals.length);
  t.is(summary.olderRules, 0);
  for (const stats of Object.values(summary.byPattern)) {
    t.true(stats !== undefined && (stats.tp1Rate ?? 0) >= 0 && (stats.tp1Rate ?? 0) <= 1 && (stats.stopRate ?? 0) <= 1);
  }
});

test('a signal counts as having reached TP1 exactly when the lifecycle emitted signal.tp1 for it', (t) => {
  const tp1 = new Set(run.events.filter((e) => e.type === 'signal.tp1').map((e) => e.signalId));
  t.true(tp1.size > 0, 'some BTC signals reach TP1 in five years');
  for (const signal of run.signals) t.is(signal.tp1Reached, tp1.has(signal.signalId), signal.signalId);
});

test('replaying twice gives identical results (deterministic ids, no hidden state)', (t) => {
  const again = walkForward(btc, btcBars, { from, to });
  t.deepEqual(again.signals, run.signals);
  t.deepEqual(again.events, run.events);
});
