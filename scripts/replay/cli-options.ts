import { parseArgs } from 'node:util';
import { isTimeframe, TIMEFRAMES } from '../../shared/domain/bar.js';
import { isCalendarDate } from '../../shared/domain/calendar-date.js';
import type { Timeframe } from '../../shared/domain/bar.js';
import { BUNDLED_SERIES, DEFAULT_REPLAY_SYMBOLS, findBundledSeries } from '../../shared/market-data/bundled-bars.js';
import type { BundledSeries } from '../../shared/market-data/bundled-bars.js';
import type { CooldownScope } from '../../functions/persist-state/cooldown.js';

/** The options of `npm start`, validated. */
export interface ReplayOptions {
  readonly series: BundledSeries[];
  readonly timeframe: Timeframe;
  readonly from?: Date;
  readonly to?: Date;
  readonly json: boolean;
  readonly reset: boolean;
  readonly cooldownScope: CooldownScope;
  /** Post to the configured Discord webhooks instead of the outbox. */
  readonly discord: boolean;
  readonly help: boolean;
}

/** A bad command-line option; the message names it and says what would be accepted. */
export class UsageError extends Error {
  readonly code = 'CLI.BAD_OPTION';
  override readonly name = 'UsageError';
}

export const USAGE = `Usage: npm start -- [options]

Walks forward through the bundled real market data through the event pipeline (fetch → generate → persist →
notify on the in-process bus, state in SQLite under .sentinel/), deciding at every bar's close as the live
system would. A second run over the same data creates nothing new.

  --symbols A,B     symbols to replay (default: ${DEFAULT_REPLAY_SYMBOLS.join(',')})
  --timeframe TF    ${TIMEFRAMES.join(' | ')} (default: 1Day)
  --from DATE       first bar to decide on (YYYY-MM-DD or ISO-8601 UTC); earlier bars only warm up
  --to DATE         last bar to decide on
  --cooldown-scope  SYMBOL | PATTERN (default: SYMBOL)
  --reset           start from an empty store and outbox
  --discord         really post to the Discord webhooks of the configuration (TEST_DISCORD_WEBHOOK in test
                    mode), respecting Discord's rate limits, instead of writing .sentinel/outbox.jsonl + .html
  --json            print only one JSON summary line on stdout
  --help            this text

Bundled series: ${BUNDLED_SERIES.map((s) => `${s.symbol} ${s.timeframe}`).join(', ')}`;

function parseDate(option: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(iso) ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(time) || !isCalendarDate(iso.slice(0, 10)))
    throw new UsageError(`--${option} "${value}" is not a date (use YYYY-MM-DD or ISO-8601 UTC)`);
  return new Date(time);
}

/** Parses and checks `argv`; every problem is a `UsageError` naming the option. */
export function parseReplayOptions(argv: readonly string[]): ReplayOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        symbols: { type: 'string' },
        timeframe: { type: 'string', default: '1Day' },
        from: { type: 'string' },
        to: { type: 'string' },
        'cooldown-scope': { type: 'string', default: 'SYMBOL' },
        json: { type: 'boolean', default: false },
        reset: { type: 'boolean', default: false },
        discord: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const timeframe = values.timeframe;
  if (!isTimeframe(timeframe)) throw new UsageError(`--timeframe "${timeframe}" is not one of ${TIMEFRAMES.join(', ')}`);
  const scope = values['cooldown-scope'];
  if (scope !== 'SYMBOL' && scope !== 'PATTERN') throw new UsageError(`--cooldown-scope "${scope}" is not SYMBOL or PATTERN`);
  const symbols = values.symbols
    ? values.symbols
        .split(',')
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean)
    : [...DEFAULT_REPLAY_SYMBOLS];
  const series = symbols.map((symbol) => {
    const found = findBundledSeries(symbol, timeframe);
    if (!found) {
      const available = BUNDLED_SERIES.filter((s) => s.timeframe === timeframe).map((s) => s.symbol);
      throw new UsageError(`--symbols: no bundled ${timeframe} data for "${symbol}" (available: ${available.join(', ')})`);
    }
    return found;
  });
  const from = parseDate('from', values.from);
  const to = parseDate('to', values.to);
  if (from && to && from > to) throw new UsageError(`--from ${values.from} is after --to ${values.to}`);
  return {
    series,
    timeframe,
    from,
    to,
    json: values.json,
    reset: values.reset,
    cooldownScope: scope,
    discord: values.discord,
    help: values.help,
  };
}
