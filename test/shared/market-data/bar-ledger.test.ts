import test from 'ava';
import type { Bar } from '../../../shared/domain/bar.js';
import { LEDGER_MARGIN_BARS, ledgerWindow, mergeBars, warmStart } from '../../../shared/market-data/bar-ledger.js';
import { syntheticDaily } from './alpaca-fixture.js';

const asOf = new Date('2024-03-04T15:00:00Z');
const bars = syntheticDaily(1, new Date('2024-03-03T00:00:00Z'), 400, false);
const coldStart = new Date('2023-02-25T00:00:00Z');

test('a warm ledger starts the fetch at its third newest bar', (t) => {
  t.deepEqual(warmStart({ bars, updatedAt: asOf.toISOString() }, 365, coldStart, asOf), new Date('2024-03-01T00:00:00Z'));
});

test('no ledger, a short one, a stale one or one past asOf means a full fetch', (t) => {
  t.is(warmStart(null, 365, coldStart, asOf), undefined);
  t.is(
    warmStart({ bars: bars.slice(-364), updatedAt: '2024-03-04T00:00:00Z' }, 365, coldStart, asOf),
    undefined,
    'fewer bars than the lookback',
  );
  t.is(
    warmStart({ bars, updatedAt: '2024-03-04T00:00:00Z' }, 365, new Date('2024-03-03T00:00:00Z'), asOf),
    undefined,
    'newest bar not after the full-fetch start',
  );
  t.is(
    warmStart({ bars, updatedAt: '2024-03-04T00:00:00Z' }, 365, coldStart, new Date('2024-03-02T00:00:00Z')),
    undefined,
    'a replay before the newest ledgered bar',
  );
});

test('merging sorts, removes duplicate times, and lets fresh bars win', (t) => {
  const [a, b, c] = bars;
  const revisedB: Bar = { ...b, close: b.close + 1 };
  t.deepEqual(mergeBars([c, a, b], [revisedB, { ...c }]), [a, revisedB, c]);
  t.deepEqual(mergeBars([], [c, a, c]), [a, c]);
});

test('the ledger keeps the lookback plus a margin of the newest bars', (t) => {
  t.deepEqual(ledgerWindow(bars, 365), bars.slice(-(365 + LEDGER_MARGIN_BARS)));
  t.deepEqual(ledgerWindow(bars.slice(0, 5), 365), bars.slice(0, 5));
});
