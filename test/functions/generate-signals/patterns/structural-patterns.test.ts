import test from 'ava';
import { STRUCTURAL_PATTERNS } from '../../../../shared/domain/patterns.js';
import type { Bar } from '../../../../shared/domain/bar.js';
import {
  analyzeSeries,
  patternsAt,
  pivotsAt,
  structuralMatchesAt,
  type StructuralPatternName,
} from '../../../../functions/generate-signals/patterns/index.js';
import { doubleBottomAt } from '../../../../functions/generate-signals/patterns/structural/double-bottom.js';
import { STRUCTURAL_DETECTORS } from '../../../../functions/generate-signals/patterns/structural/index.js';
import { pivotView } from '../../../../functions/generate-signals/patterns/structural/pivot-view.js';
import { barsUpTo, flagsAtLast, patchBar, withoutVolumeExpansion } from './bar-fixtures.js';

interface RealCase {
  readonly pattern: StructuralPatternName;
  readonly file: string;
  readonly date: string;
  readonly firstPivotIndex: number;
  readonly breakoutLevel: number;
}

const cases: readonly RealCase[] = [
  {
    pattern: 'INVERSE_HEAD_SHOULDERS',
    file: 'eth-usd-1d.csv',
    date: '2023-06-30',
    firstPivotIndex: 2572,
    breakoutLevel: 1898.25,
  },
  { pattern: 'ASCENDING_TRIANGLE', file: 'btc-usd-1d.csv', date: '2023-07-13', firstPivotIndex: 2722, breakoutLevel: 30975.5199 },
  { pattern: 'CUP_AND_HANDLE', file: 'nvda-1d.csv', date: '2004-12-03', firstPivotIndex: 1362, breakoutLevel: 6.7065 },
  { pattern: 'DOUBLE_BOTTOM', file: 'btc-usd-1d.csv', date: '2020-07-26', firstPivotIndex: 1627, breakoutLevel: 9789.2375 },
  { pattern: 'BULL_FLAG', file: 'btc-usd-1d.csv', date: '2022-03-16', firstPivotIndex: 2027, breakoutLevel: 39945.961 },
];

/** The last bar closing a hair under the breakout level, its low moved down if needed. */
function closeUnder(bars: readonly Bar[], level: number): Bar[] {
  const close = level * (1 - 1e-9);
  return patchBar(bars, { close, low: Math.min(bars[bars.length - 1].low, close) });
}

/** The breakout level the detector reports on the real bars. */
function levelOf(pattern: StructuralPatternName, bars: readonly Bar[]): number {
  return structuralMatchesAt(analyzeSeries(bars), bars.length - 1)[pattern]?.breakoutLevel ?? Number.NaN;
}

for (const { pattern, file, date, firstPivotIndex, breakoutLevel } of cases) {
  test(`${pattern} on ${file} ${date}`, (t) => {
    const bars = barsUpTo(file, date);
    const match = structuralMatchesAt(analyzeSeries(bars), bars.length - 1)[pattern];
    t.true(flagsAtLast(bars)[pattern]);
    t.is(match?.firstPivotIndex, firstPivotIndex);
    t.true(Math.abs((match?.breakoutLevel ?? 0) - breakoutLevel) < 1e-3, `breakout level ${String(match?.breakoutLevel)}`);
  });
  test(`${pattern} near miss on ${file} ${date}: volume under 1.5 × SMA20`, (t) => {
    t.false(flagsAtLast(withoutVolumeExpansion(barsUpTo(file, date)))[pattern]);
  });
  test(`${pattern} near miss on ${file} ${date}: close just under the breakout level`, (t) => {
    const bars = barsUpTo(file, date);
    t.false(flagsAtLast(closeUnder(bars, levelOf(pattern, bars)))[pattern]);
  });
  test(`${pattern} on ${file} ${date} does not fire when the previous bar had already broken out`, (t) => {
    const bars = barsUpTo(file, date);
    const above = levelOf(pattern, bars) * 1.001;
    const stale = patchBar(bars, { close: above, high: Math.max(bars[bars.length - 2].high, above) }, 1);
    t.false(flagsAtLast(stale)[pattern]);
  });
}

test('DOUBLE_BOTTOM on btc-usd-1d.csv 2020-07-26 reads the bottoms V1627 and V1639 and the peak P1634 between them', (t) => {
  const bars = barsUpTo('btc-usd-1d.csv', '2020-07-26');
  const a = analyzeSeries(bars);
  const pivots = pivotsAt(a, bars.length - 1).slice(-3);
  t.deepEqual(
    pivots.map((pivot) => `${pivot.type}@${pivot.index}`),
    ['PEAK@1634', 'VALLEY@1639', 'PEAK@1668'],
  );
  t.is(structuralMatchesAt(a, bars.length - 1).DOUBLE_BOTTOM?.lastPivotIndex, 1639);
});

test('a structural pattern fires once, on its breakout bar, not on the bars after it', (t) => {
  const bars = barsUpTo('btc-usd-1d.csv', '2020-07-28');
  const a = analyzeSeries(bars);
  const i = bars.length - 3;
  t.true(patternsAt(a, i).DOUBLE_BOTTOM);
  t.false(patternsAt(a, i + 1).DOUBLE_BOTTOM);
  t.false(patternsAt(a, i + 2).DOUBLE_BOTTOM);
});

// FALLING_WEDGE on real bars: peaks P1103 4113.2, P1114 3812.5, P1121 3662.0 and valleys V1108 3454.2, V1117 3422.5,
// V1124 3331.1 (confirmed), the upper line (−21.5 a bar) falling faster than the lower one (−13.1 a bar).
const WEDGE = { file: 'btc-usd-1d.csv', date: '2019-02-08' };

test('FALLING_WEDGE on btc-usd-1d.csv 2019-02-08 breaks the upper trendline through the last two confirmed peaks, projected to the bar', (t) => {
  const bars = barsUpTo(WEDGE.file, WEDGE.date);
  const a = analyzeSeries(bars);
  const i = bars.length - 1;
  const match = structuralMatchesAt(a, i).FALLING_WEDGE;
  t.true(patternsAt(a, i).FALLING_WEDGE);
  t.is(match?.firstPivotIndex, 1103);
  t.is(match?.lastPivotIndex, 1124);
  const projected = 3662.0075 + ((3662.0075 - 3812.475) / (1121 - 1114)) * (i - 1121);
  t.true(Math.abs((match?.breakoutLevel ?? 0) - projected) < 1e-9, `breakout level ${String(match?.breakoutLevel)}`);
  t.true(bars[i - 1].close < projected + (3812.475 - 3662.0075) / 7, 'the bar before closed under the line projected to it');
});

test('FALLING_WEDGE near miss on btc-usd-1d.csv 2019-02-08: close just under the projected line', (t) => {
  const bars = barsUpTo(WEDGE.file, WEDGE.date);
  t.false(flagsAtLast(closeUnder(bars, levelOf('FALLING_WEDGE', bars))).FALLING_WEDGE);
});

test('FALLING_WEDGE near miss on btc-usd-1d.csv 2019-02-08: volume under 1.5 × SMA20', (t) => {
  t.false(flagsAtLast(withoutVolumeExpansion(barsUpTo(WEDGE.file, WEDGE.date))).FALLING_WEDGE);
});

test('FALLING_WEDGE on btc-usd-1d.csv 2019-02-08 does not fire when the previous bar had already closed over its projected line', (t) => {
  const bars = barsUpTo(WEDGE.file, WEDGE.date);
  const above = (levelOf('FALLING_WEDGE', bars) + (3812.475 - 3662.0075) / 7) * 1.001;
  const stale = patchBar(bars, { close: above, high: Math.max(bars[bars.length - 2].high, above) }, 1);
  t.false(flagsAtLast(stale).FALLING_WEDGE);
});

test('the structural detectors cover exactly the shared STRUCTURAL_PATTERNS', (t) => {
  t.deepEqual(Object.keys(STRUCTURAL_DETECTORS).sort(), [...STRUCTURAL_PATTERNS].sort());
});

test('a structure counts only while its last pivot is among the latest 3 pivots', (t) => {
  const bars = barsUpTo('btc-usd-1d.csv', '2020-07-26');
  const a = analyzeSeries(bars);
  const i = bars.length - 1;
  const pivots = pivotsAt(a, i);
  const later = [
    { index: i, timestamp: bars[i].timestamp, price: 9000, type: 'VALLEY' as const },
    { index: i, timestamp: bars[i].timestamp, price: 10_500, type: 'PEAK' as const },
  ];
  t.not(doubleBottomAt(a, i, pivotView([...pivots, later[0]])), null, 'V1639 third from last');
  t.is(doubleBottomAt(a, i, pivotView([...pivots, ...later])), null, 'V1639 fourth from last');
});
