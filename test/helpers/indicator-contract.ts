import test from 'ava';
import type { ExecutionContext } from 'ava';
import { InvalidArgumentError } from '../../shared/errors/errors.js';
import type { Bar } from '../../shared/domain/bar.js';
import { loadBars, loadReferenceTable } from './data.js';

export type Field = 'open' | 'high' | 'low' | 'close' | 'volume';
type Outputs = Readonly<Record<string, Float64Array>>;

/** How the contract calls one indicator: which bar fields it takes and where each output starts. */
export interface IndicatorUnderTest {
  readonly name: string;
  /** Bar fields passed positionally. */
  readonly inputs: readonly Field[];
  /** The indicator's argument names for `inputs` when they differ from the fields (e.g. `values`). */
  readonly argumentNames?: readonly string[];
  /** Calls the indicator; `params` overrides named numeric parameters (undefined keeps defaults). */
  readonly run: (series: readonly ArrayLike<number>[], params?: Readonly<Record<string, number>>) => Float64Array | Outputs;
  /** Index of the first finite value of each output (`value` when the indicator returns one array). */
  readonly warmUp: number | Readonly<Record<string, number>>;
  /** Names of the period parameters, all of which must reject 0 and 1.5. */
  readonly periods: readonly string[];
}

const realBars: readonly (readonly [string, readonly Bar[]])[] = [
  ['btc-usd-1d.csv', loadBars('btc-usd-1d.csv').slice(0, 600)],
  ['spy-1d-2017-2018.csv', loadBars('spy-1d-2017-2018.csv')],
];

/** The columns of `bars` named by `fields`, as plain arrays. */
export function columns(bars: readonly Bar[], fields: readonly Field[]): number[][] {
  return fields.map((field) => bars.map((bar) => bar[field]));
}

function outputsOf(result: Float64Array | Outputs): Outputs {
  return result instanceof Float64Array ? { value: result } : result;
}

function warmUpOf(indicator: IndicatorUnderTest, output: string): number {
  return typeof indicator.warmUp === 'number' ? indicator.warmUp : indicator.warmUp[output];
}

/** Registers the contract every indicator obeys: shape, warm-up, argument errors, no look-ahead. */
export function registerIndicatorContract(indicator: IndicatorUnderTest): void {
  const { name, inputs } = indicator;

  test(`${name}: every output has the input's length, also for empty input`, (t) => {
    for (const length of [0, 3, 250]) {
      const series = columns(realBars[0][1].slice(0, length), inputs);
      for (const [output, values] of Object.entries(outputsOf(indicator.run(series)))) {
        t.is(values.length, length, `${output} at length ${length}`);
      }
    }
  });

  for (const [file, bars] of realBars) {
    test(`${name}: is NaN exactly during warm-up and finite after on ${file}`, (t) => {
      for (const [output, values] of Object.entries(outputsOf(indicator.run(columns(bars, inputs))))) {
        const warmUp = warmUpOf(indicator, output);
        const firstFinite = values.findIndex((value) => Number.isFinite(value));
        t.is(firstFinite, warmUp, `${output} starts at ${warmUp}`);
        t.true(
          values.subarray(0, warmUp).every((value) => Number.isNaN(value)),
          `${output} warm-up is NaN`,
        );
        t.true(
          values.subarray(warmUp).every((value) => Number.isFinite(value)),
          `${output} is finite after warm-up`,
        );
      }
    });
  }

  const small = realBars[0][1].slice(0, 40);
  const argumentNames = indicator.argumentNames ?? inputs;
  inputs.forEach((field, position) => {
    const argument = argumentNames[position];
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      test(`${name}: rejects ${String(bad)} in "${argument}" at the first, a middle and the last index, naming both`, (t) => {
        for (const index of [0, 7, small.length - 1]) {
          const series = columns(small, inputs);
          series[position][index] = bad;
          const error = t.throws(() => indicator.run(series), { instanceOf: InvalidArgumentError });
          t.is(error?.argument, argument);
          t.is(error?.message, `argument "${argument}" has a non-finite value at index ${index}: ${String(bad)}`);
        }
      });
    }
    if (position > 0) {
      test(`${name}: rejects "${argument}" shorter than "${argumentNames[0]}", naming both`, (t) => {
        const series = columns(small, inputs);
        series[position] = series[position].slice(1);
        const error = t.throws(() => indicator.run(series), { instanceOf: InvalidArgumentError });
        t.is(error?.argument, argument);
        t.is(error?.message, `argument "${argument}" has length 39, expected 40 like "${argumentNames[0]}"`);
      });
    }
  });

  for (const period of indicator.periods) {
    test(`${name}: rejects ${period} 0 and 1.5, naming "${period}"`, (t) => {
      for (const bad of [0, 1.5, -3]) {
        const error = t.throws(() => indicator.run(columns(small, inputs), { [period]: bad }), {
          instanceOf: InvalidArgumentError,
        });
        t.is(error?.argument, period, `${period} = ${bad}`);
      }
    });
  }

  test(`${name}: has no look-ahead (value at i equals the last value computed on bars 0..i)`, (t) => {
    const bars = realBars[1][1].slice(0, 200);
    const full = outputsOf(indicator.run(columns(bars, inputs)));
    const warmUps = Object.keys(full).map((output) => warmUpOf(indicator, output));
    const samples = new Set([0, 1, ...warmUps.flatMap((w) => [w - 1, w, w + 1]), 60, 117, 199]);
    for (const i of [...samples].filter((index) => index >= 0 && index < bars.length)) {
      const prefix = outputsOf(indicator.run(columns(bars.slice(0, i + 1), inputs)));
      for (const [output, values] of Object.entries(full)) {
        t.is(prefix[output][i], values[i], `${output} at ${i}`);
      }
    }
  });
}

/** `actual` equals `expected` within `relative` of |expected| (both NaN also counts as equal). */
export function isClose(actual: number, expected: number, relative: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  return Math.abs(actual - expected) <= relative * Math.abs(expected);
}

/**
 * Asserts `actual` against a reference column row by row: empty cells (the table's warm-up) must be
 * NaN here, every other cell equal within `relative`. Returns the number of compared values.
 */
export function assertMatchesColumn(
  t: ExecutionContext,
  actual: ArrayLike<number>,
  rows: readonly Record<string, string>[],
  column: string,
  relative = 1e-9,
): number {
  t.is(actual.length, rows.length, `${column} length`);
  let compared = 0;
  let worst = 0;
  for (let i = 0; i < rows.length; i++) {
    const cell = rows[i][column];
    if (cell === undefined) throw new Error(`no column "${column}"`);
    const expected = cell === '' ? Number.NaN : Number(cell);
    if (!isClose(actual[i], expected, relative)) {
      t.fail(`${column} at row ${i}: got ${actual[i]}, expected ${cell === '' ? 'NaN (warm-up)' : cell}`);
      return compared;
    }
    if (cell !== '') {
      compared++;
      worst = Math.max(worst, Math.abs(actual[i] - expected) / Math.abs(expected || 1));
    }
  }
  t.true(compared > 0, `${column} has values`);
  t.log(`${column}: ${compared} values, worst relative error ${worst.toExponential(2)}`);
  return compared;
}

/** A reference table's input columns (`open`, `high`, …) as numbers. */
export function referenceColumn(rows: readonly Record<string, string>[], column: string): number[] {
  return rows.map((row) => Number(row[column]));
}

export interface SpotCheck {
  readonly candles: readonly Record<string, string>[];
  readonly output: string;
  readonly evaluatedAt: string;
  readonly expected: number;
  readonly decimals: number;
  readonly recomputed: number;
}

/** The jesse spot checks of one indicator (`RSI`, `ATR`, `BBANDS`, `MACD`) with their candles. */
export function jesseSpotChecks(indicator: string): SpotCheck[] {
  return loadReferenceTable('jesse/spot-checks.csv')
    .filter((row) => row.indicator === indicator)
    .map((row) => ({
      candles: loadReferenceTable(`jesse/${row.candles_file}`),
      output: row.output,
      evaluatedAt: row.evaluated_at,
      expected: Number(row.expected),
      decimals: Number(row.decimals),
      recomputed: Number(row.recomputed_textbook),
    }));
}

/** Asserts the last value of `actual` against a jesse spot check, to its stated decimals. */
export function assertSpotCheck(t: ExecutionContext, actual: ArrayLike<number>, check: SpotCheck): void {
  const last = check.candles.length - 1;
  t.is(check.candles[last].timestamp, check.evaluatedAt, 'spot check is at the last candle');
  const value = actual[last];
  t.true(Math.abs(value - check.expected) <= 0.5 * 10 ** -check.decimals, `${check.output} ${value} ≈ ${check.expected}`);
  t.true(Math.abs(value - check.recomputed) <= 5e-5, `${check.output} ${value} ≈ ${check.recomputed} (4 decimals)`);
}
