import test from 'ava';
import { PATTERN_NAMES, STRUCTURAL_PATTERNS } from '../../shared/domain/patterns.js';
import { bullishStructureAt, detectPatterns, harmonicsAt, pivotsAt } from '../../functions/generate-signals/patterns/index.js';
import { loadBars } from '../helpers/data.js';

// Each stretch holds harmonic context and, except SPY (whose 5 % swings never complete a structural
// breakout in any 700-bar window), at least one structural breakout, so the pivot detectors are exercised.
const stretches = [
  { file: 'btc-usd-1d.csv', from: 1600, length: 700 },
  { file: 'eth-usd-1d.csv', from: 2000, length: 700 },
  { file: 'spy-1d.csv', from: 2000, length: 700 },
  { file: 'nvda-1d.csv', from: 2300, length: 700 },
] as const;

for (const { file, from, length } of stretches) {
  test(`flags, pivots and harmonic at every bar equal a run on the bars up to it (${file}, bars ${from}–${from + length - 1})`, (t) => {
    const bars = loadBars(file).slice(from, from + length);
    const full = detectPatterns(bars);
    let fired = 0;
    let withHarmonic = 0;
    let withBullish = 0;
    for (let i = 0; i < bars.length; i++) {
      const prefix = detectPatterns(bars.slice(0, i + 1));
      for (const name of PATTERN_NAMES) {
        if (full.patterns[name][i] !== prefix.patterns[name][i]) t.fail(`${name} at bar ${i} (${bars[i].timestamp})`);
        fired += full.patterns[name][i];
      }
      t.deepEqual(pivotsAt(full.analysis, i), prefix.pivots, `pivots at bar ${i}`);
      const harmonic = harmonicsAt(full.analysis, i);
      t.deepEqual(harmonic, prefix.harmonic, `harmonic at bar ${i}`);
      if (harmonic) withHarmonic++;
      const bullish = bullishStructureAt(full.analysis, i, 10);
      t.deepEqual(bullish, bullishStructureAt(prefix.analysis, i, 10), `bullish structure at bar ${i}`);
      if (bullish) withBullish++;
    }
    const structural = STRUCTURAL_PATTERNS.reduce((sum, name) => sum + full.patterns[name].reduce((a, b) => a + b, 0), 0);
    t.true(fired > 0 && withHarmonic > 0, `${fired} flags and ${withHarmonic} harmonic bars compared`);
    // Recent bullish structures are rarer: the BTC and NVDA stretches hold some.
    t.true(
      !['btc-usd-1d.csv', 'nvda-1d.csv'].includes(file) || withBullish > 0,
      `${withBullish} bullish-structure bars compared`,
    );
    t.true(file === 'spy-1d.csv' || structural > 0, `${structural} structural breakouts in the stretch`);
  });
}
