import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as indicators from '../../functions/generate-signals/indicators/index.js';
import { parseCsvBars } from '../../shared/market-data/csv-bars.js';
import type * as TechnicalIndicatorsModule from 'technicalindicators';

/**
 * Indicator benchmark: our indicators on a 1,000,000-bar series against the memory-bound floor (one
 * plain pass over the same arrays) and against `technicalindicators` (a dev dependency) and `talib` (installed by
 * hand, see TALIB_INSTALL), loaded here and in tests, never by the engine.
 */

export const BARS = 1_000_000;
/** technicalindicators needs seconds per indicator on 1M bars, so it runs on a slice (per-bar compare). */
export const REFERENCE_BARS = 100_000;
export const TARGET_VS_PLAIN_PASS = 3;
const RUNS = 11;
const WARM_UPS = 3;
/**
 * Calls of each side on a short series before the timed ones on the long series: V8 optimises a function after many
 * calls, and a few calls over 1M bars run for a second or more on less optimised code (bollinger: 19 ms a call for
 * its first sixty calls on the 2-core machine, 9 ms after), which is not how the engine calls them (thousands of
 * 365-bar windows).
 */
const SHORT_CALLS = 300;
const SHORT_BARS = 2_000;
const REFERENCE_RUNS = 3;
export const TARGET_VS_TECHNICALINDICATORS = 5;

type Field = 'open' | 'high' | 'low' | 'close' | 'volume';
type Columns<T> = Readonly<Record<Field, T>>;

export interface IndicatorBenchRow {
  readonly indicator: string;
  readonly bars: number;
  /** Median milliseconds of our indicator over `bars`. */
  readonly oursMs: number;
  /** Median milliseconds of the plain pass with the same inputs and outputs. */
  readonly plainPassMs: number;
  readonly vsPlainPass: number;
  /** technicalindicators on `REFERENCE_BARS` bars; `speedup` compares per-bar times (theirs / ours). */
  readonly technicalIndicators: { readonly bars: number; readonly ms: number; readonly speedup: number } | null;
  /** talib on all bars (number[] in, as its binding requires); `speedup` = talib / ours. */
  readonly talib: { readonly ms: number; readonly speedup: number } | null;
  readonly pass: boolean;
}

interface Talib {
  execute(request: Record<string, unknown>): unknown;
}
type TechnicalIndicators = typeof TechnicalIndicatorsModule;

interface BenchCase {
  readonly name: string;
  readonly ours: (s: Columns<Float64Array>) => unknown;
  readonly plainPass: (s: Columns<Float64Array>) => unknown;
  readonly technicalIndicators?: (ti: TechnicalIndicators, s: Columns<number[]>) => unknown;
  readonly talib?: (s: Columns<number[]>) => Record<string, unknown>;
}

// The floors: allocate the outputs, read each input once, write each output once.
function pass1to1({ close }: Columns<Float64Array>): Float64Array {
  const out = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) out[i] = close[i];
  return out;
}
function pass1to3({ close }: Columns<Float64Array>): Float64Array[] {
  const [a, b, c] = [0, 1, 2].map(() => new Float64Array(close.length));
  for (let i = 0; i < close.length; i++) {
    const x = close[i];
    a[i] = x;
    b[i] = x;
    c[i] = x;
  }
  return [a, b, c];
}
function pass3to1({ high, low, close }: Columns<Float64Array>): Float64Array {
  const out = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) out[i] = high[i] + low[i] + close[i];
  return out;
}
function pass3to2({ high, low, close }: Columns<Float64Array>): Float64Array[] {
  const a = new Float64Array(close.length);
  const b = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) {
    const x = high[i] + low[i] + close[i];
    a[i] = x;
    b[i] = x;
  }
  return [a, b];
}
function pass3to3({ high, low, close }: Columns<Float64Array>): Float64Array[] {
  const [a, b, c] = [0, 1, 2].map(() => new Float64Array(close.length));
  for (let i = 0; i < close.length; i++) {
    const x = high[i] + low[i] + close[i];
    a[i] = x;
    b[i] = x;
    c[i] = x;
  }
  return [a, b, c];
}
function pass4to1({ high, low, close, volume }: Columns<Float64Array>): Float64Array {
  const out = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) out[i] = high[i] + low[i] + close[i] + volume[i];
  return out;
}

const { sma, ema, rsi, trueRange, atr, bollinger, macd, adx, mfi, keltner, chandelierExit, rollingMax, rollingMin } = indicators;

function talibCall(name: string, inputs: Record<string, number[]>, options: Record<string, number> = {}) {
  return { name, startIdx: 0, endIdx: inputs[Object.keys(inputs)[0]].length - 1, ...inputs, ...options };
}

const cases: readonly BenchCase[] = [
  {
    name: 'sma(20)',
    ours: (s) => sma(s.close, 20),
    plainPass: pass1to1,
    technicalIndicators: (ti, s) => ti.SMA.calculate({ values: s.close, period: 20 }),
    talib: (s) => talibCall('SMA', { inReal: s.close }, { optInTimePeriod: 20 }),
  },
  {
    name: 'ema(20)',
    ours: (s) => ema(s.close, 20),
    plainPass: pass1to1,
    technicalIndicators: (ti, s) => ti.EMA.calculate({ values: s.close, period: 20 }),
    talib: (s) => talibCall('EMA', { inReal: s.close }, { optInTimePeriod: 20 }),
  },
  {
    name: 'rsi(14)',
    ours: (s) => rsi(s.close, 14),
    plainPass: pass1to1,
    technicalIndicators: (ti, s) => ti.RSI.calculate({ values: s.close, period: 14 }),
    talib: (s) => talibCall('RSI', { inReal: s.close }, { optInTimePeriod: 14 }),
  },
  {
    name: 'trueRange',
    ours: (s) => trueRange(s.high, s.low, s.close),
    plainPass: pass3to1,
    technicalIndicators: (ti, s) => ti.TrueRange.calculate({ high: s.high, low: s.low, close: s.close }),
    talib: (s) => talibCall('TRANGE', { high: s.high, low: s.low, close: s.close }),
  },
  {
    name: 'atr(14)',
    ours: (s) => atr(s.high, s.low, s.close, 14),
    plainPass: pass3to1,
    technicalIndicators: (ti, s) => ti.ATR.calculate({ high: s.high, low: s.low, close: s.close, period: 14 }),
    talib: (s) => talibCall('ATR', { high: s.high, low: s.low, close: s.close }, { optInTimePeriod: 14 }),
  },
  {
    name: 'bollinger(20, 2)',
    ours: (s) => bollinger(s.close, 20, 2),
    plainPass: pass1to3,
    technicalIndicators: (ti, s) => ti.BollingerBands.calculate({ values: s.close, period: 20, stdDev: 2 }),
    talib: (s) =>
      talibCall('BBANDS', { inReal: s.close }, { optInTimePeriod: 20, optInNbDevUp: 2, optInNbDevDn: 2, optInMAType: 0 }),
  },
  {
    name: 'macd(12, 26, 9)',
    ours: (s) => macd(s.close, 12, 26, 9),
    plainPass: pass1to3,
    technicalIndicators: (ti, s) =>
      ti.MACD.calculate({
        values: s.close,
        fastPeriod: 12,
        slowPeriod: 26,
        signalPeriod: 9,
        SimpleMAOscillator: false,
        SimpleMASignal: false,
      }),
    talib: (s) => talibCall('MACD', { inReal: s.close }, { optInFastPeriod: 12, optInSlowPeriod: 26, optInSignalPeriod: 9 }),
  },
  {
    name: 'adx(14)',
    ours: (s) => adx(s.high, s.low, s.close, 14),
    plainPass: pass3to3,
    technicalIndicators: (ti, s) => ti.ADX.calculate({ high: s.high, low: s.low, close: s.close, period: 14 }),
    talib: (s) => talibCall('ADX', { high: s.high, low: s.low, close: s.close }, { optInTimePeriod: 14 }),
  },
  {
    name: 'mfi(14)',
    ours: (s) => mfi(s.high, s.low, s.close, s.volume, 14),
    plainPass: pass4to1,
    technicalIndicators: (ti, s) => ti.MFI.calculate({ high: s.high, low: s.low, close: s.close, volume: s.volume, period: 14 }),
    talib: (s) => talibCall('MFI', { high: s.high, low: s.low, close: s.close, volume: s.volume }, { optInTimePeriod: 14 }),
  },
  {
    name: 'keltner(20, 2)',
    ours: (s) => keltner(s.high, s.low, s.close, 20, 2),
    plainPass: pass3to3,
    technicalIndicators: (ti, s) =>
      ti.KeltnerChannels.calculate({
        high: s.high,
        low: s.low,
        close: s.close,
        maPeriod: 20,
        atrPeriod: 20,
        useSMA: false,
        multiplier: 2,
      }),
  },
  {
    name: 'chandelierExit(22, 3)',
    ours: (s) => chandelierExit(s.high, s.low, s.close, 22, 3),
    plainPass: pass3to2,
    technicalIndicators: (ti, s) =>
      ti.ChandelierExit.calculate({ high: s.high, low: s.low, close: s.close, period: 22, multiplier: 3 }),
  },
  {
    name: 'rollingMax(22)',
    ours: (s) => rollingMax(s.high, 22),
    plainPass: ({ high }) => pass1to1({ ...emptyColumns, close: high }),
    technicalIndicators: (ti, s) => ti.Highest.calculate({ values: s.high, period: 22 }),
    talib: (s) => talibCall('MAX', { inReal: s.high }, { optInTimePeriod: 22 }),
  },
  {
    name: 'rollingMin(22)',
    ours: (s) => rollingMin(s.low, 22),
    plainPass: ({ low }) => pass1to1({ ...emptyColumns, close: low }),
    technicalIndicators: (ti, s) => ti.Lowest.calculate({ values: s.low, period: 22 }),
    talib: (s) => talibCall('MIN', { inReal: s.low }, { optInTimePeriod: 22 }),
  },
];

const emptyColumns: Columns<Float64Array> = {
  open: new Float64Array(0),
  high: new Float64Array(0),
  low: new Float64Array(0),
  close: new Float64Array(0),
  volume: new Float64Array(0),
};

/**
 * `bars` bars built from `data/btc-usd-1d.csv`: tiles alternate forward and time-reversed (open and
 * close swapped) and each is scaled to start at the previous close, so the series is continuous and
 * stays in BTC's own price range instead of compounding ×140 per tile.
 */
export function buildSeries(bars: number): Columns<Float64Array> {
  const path = fileURLToPath(new URL('../../data/btc-usd-1d.csv', import.meta.url));
  const source = parseCsvBars(readFileSync(path, 'utf8'), 'btc-usd-1d.csv');
  const out: Record<Field, Float64Array> = {
    open: new Float64Array(bars),
    high: new Float64Array(bars),
    low: new Float64Array(bars),
    close: new Float64Array(bars),
    volume: new Float64Array(bars),
  };
  let previousClose = source[0].open;
  for (let tile = 0, i = 0; i < bars; tile++) {
    const reversed = tile % 2 === 1;
    const firstOpen = reversed ? source[source.length - 1].close : source[0].open;
    const scale = previousClose / firstOpen;
    for (let j = 0; j < source.length && i < bars; j++, i++) {
      const bar = source[reversed ? source.length - 1 - j : j];
      out.open[i] = (reversed ? bar.close : bar.open) * scale;
      out.close[i] = (reversed ? bar.open : bar.close) * scale;
      out.high[i] = bar.high * scale;
      out.low[i] = bar.low * scale;
      out.volume[i] = bar.volume;
      previousClose = out.close[i];
    }
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Counts results so no timed call can be treated as dead code. */
let _sink = 0;
/** Median wall time of `run` after `warmUps` untimed runs; the result is kept so it is not optimised away. */
function time(run: () => unknown, runs: number, warmUps: number): number {
  for (let i = 0; i < warmUps; i++) _sink += run() === undefined ? 0 : 1;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = run();
    samples.push(performance.now() - start);
    _sink += result === undefined ? 0 : 1;
  }
  return median(samples);
}

function slice<T extends ArrayLike<number>>(columns: Columns<T>, bars: number): Columns<number[]> {
  const plain = (values: T) => Array.from({ length: Math.min(bars, values.length) }, (_, i) => values[i]);
  return {
    open: plain(columns.open),
    high: plain(columns.high),
    low: plain(columns.low),
    close: plain(columns.close),
    volume: plain(columns.volume),
  };
}

/** TA-Lib's Node binding: not a dependency (it compiles C at install), compared against when installed. */
export const TALIB_INSTALL = 'npm install --no-save talib@1.1.6 (compiles TA-Lib: needs python3, make and a C++ compiler)';

/** Loads TA-Lib when it is installed, or returns why it could not be loaded and how to install it. */
export async function loadTalib(): Promise<Talib | string> {
  try {
    // Required at run time (a native CommonJS addon), so nothing resolves it unless it is installed.
    return createRequire(import.meta.url)('talib') as Talib;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `${reason}; to compare with TA-Lib: ${TALIB_INSTALL}`;
  }
}

export async function loadTechnicalIndicators(): Promise<TechnicalIndicators | string> {
  try {
    return await import('technicalindicators');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Medians of `rounds` alternating runs of `a` and `b` (after `warmUps` of each), so both see the same machine. */
function timePair(a: () => unknown, b: () => unknown, rounds: number, warmUps: number): [number, number] {
  for (let i = 0; i < warmUps; i++) _sink += (a() === undefined ? 0 : 1) + (b() === undefined ? 0 : 1);
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  for (let i = 0; i < rounds; i++) {
    samplesA.push(time(a, 1, 0));
    samplesB.push(time(b, 1, 0));
  }
  return [median(samplesA), median(samplesB)];
}

/**
 * Runs every indicator case. Ours and the plain pass are timed first, alternately, before the reference
 * libraries fill the heap with their number[] inputs and object outputs; notes go to `log`.
 */
export async function runIndicatorBench(
  log: (line: string) => void = console.log,
  size: { readonly bars?: number; readonly runs?: number; readonly warmUps?: number } = {},
): Promise<IndicatorBenchRow[]> {
  const bars = size.bars ?? BARS;
  const series = buildSeries(bars);
  const short = buildSeries(Math.min(SHORT_BARS, bars));
  for (const benchCase of cases)
    for (let i = 0; i < SHORT_CALLS; i++) _sink += [benchCase.plainPass(short), benchCase.ours(short)].length;
  const own = cases.map((benchCase) => {
    const [plainPassMs, oursMs] = timePair(
      () => benchCase.plainPass(series),
      () => benchCase.ours(series),
      size.runs ?? RUNS,
      size.warmUps ?? WARM_UPS,
    );
    return { plainPassMs, oursMs };
  });
  const talib = await loadTalib();
  const ti = await loadTechnicalIndicators();
  if (typeof talib === 'string') log(`note: talib not loaded, its column is empty (${talib})`);
  if (typeof ti === 'string') log(`note: technicalindicators not loaded, its column is empty (${ti})`);
  const plainAll = typeof talib === 'string' ? null : slice(series, bars);
  const plainReference = slice(series, Math.min(REFERENCE_BARS, bars));
  return cases.map((benchCase, index) => {
    const { plainPassMs, oursMs } = own[index];
    const perBar = oursMs / bars;
    const tiCase = benchCase.technicalIndicators;
    const technicalIndicators =
      typeof ti === 'string' || tiCase === undefined
        ? null
        : ((ms: number) => ({ bars: plainReference.close.length, ms, speedup: ms / plainReference.close.length / perBar }))(
            time(() => tiCase(ti, plainReference), REFERENCE_RUNS, 1),
          );
    const talibCase = benchCase.talib;
    const talibResult =
      typeof talib === 'string' || talibCase === undefined || plainAll === null
        ? null
        : ((ms: number) => ({ ms, speedup: ms / oursMs }))(time(() => talib.execute(talibCase(plainAll)), REFERENCE_RUNS, 1));
    const vsPlainPass = oursMs / plainPassMs;
    const pass =
      vsPlainPass <= TARGET_VS_PLAIN_PASS &&
      (technicalIndicators === null || technicalIndicators.speedup >= TARGET_VS_TECHNICALINDICATORS);
    return { indicator: benchCase.name, bars, oursMs, plainPassMs, vsPlainPass, technicalIndicators, talib: talibResult, pass };
  });
}

/** The rows as a fixed-width text table with the targets and the PASS/FAIL verdict of each row. */
export function formatIndicatorBench(rows: readonly IndicatorBenchRow[]): string {
  const header = [
    'indicator',
    'ours ms',
    'plain ms',
    'ours/plain',
    'TI ms (bars)',
    'TI/ours per bar',
    'talib ms',
    'talib/ours',
    'verdict',
  ];
  const table = rows.map((row) => [
    row.indicator,
    row.oursMs.toFixed(2),
    row.plainPassMs.toFixed(2),
    `${row.vsPlainPass.toFixed(2)}×`,
    row.technicalIndicators ? `${row.technicalIndicators.ms.toFixed(1)} (${row.technicalIndicators.bars / 1000}k)` : '—',
    row.technicalIndicators ? `${row.technicalIndicators.speedup.toFixed(1)}×` : '—',
    row.talib ? row.talib.ms.toFixed(2) : '—',
    row.talib ? `${row.talib.speedup.toFixed(2)}×` : '—',
    row.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...table.map((cells) => cells[column].length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [
    `${(rows[0]?.bars ?? BARS).toLocaleString('en-US')} bars (btc-usd-1d.csv tiled); medians of runs, ours alternating with the plain pass,`,
    `after warm-ups (default ${RUNS} runs after ${WARM_UPS}, and ${SHORT_CALLS} calls of each on ${SHORT_BARS.toLocaleString('en-US')} bars before;`,
    `references: ${REFERENCE_RUNS} runs after 1, timed after ours).`,
    `Targets: ours/plain ≤ ${TARGET_VS_PLAIN_PASS}× (plain = allocate the outputs, read each input once, write once);`,
    `         TI/ours ≥ ${TARGET_VS_TECHNICALINDICATORS}× per bar (technicalindicators runs on the first ${REFERENCE_BARS.toLocaleString('en-US')} bars only).`,
    'technicalindicators is a dev dependency and talib an optional install, used only by this benchmark and the tests.',
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...table.map(line),
    '',
    `${rows.filter((row) => row.pass).length}/${rows.length} PASS`,
  ].join('\n');
}
