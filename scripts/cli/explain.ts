import { explainDecision } from '../../functions/generate-signals/candidates/explain.js';
import type { DecisionExplanation } from '../../functions/generate-signals/candidates/explain.js';
import { loadConfig } from '../../shared/config/index.js';
import { isTimeframe, TIMEFRAMES } from '../../shared/domain/bar.js';
import { isCalendarDate } from '../../shared/domain/calendar-date.js';
import type { Timeframe } from '../../shared/domain/bar.js';
import { ANALYSIS_LOOKBACK_BARS } from '../../shared/domain/engine.js';
import { barClosesAt } from '../../shared/domain/sessions/bar-close.js';
import { NotEnoughBarsError } from '../../shared/errors/errors.js';
import { formatPrice } from '../../shared/format/price.js';
import { configureLogging } from '../../shared/log/logger.js';
import { SymbolSchema } from '../../shared/messages/fields.js';
import { instanceAdapters } from '../../shared/runtime/instance-adapters.js';
import { loadSecrets } from '../../shared/secrets/index.js';
import { UsageError } from '../replay/cli-options.js';
import type { Command, Writer } from './io.js';
import { parseCommandArgs } from './parse.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
/** A moment more than this after the last closed bar is past the end of the data, not a quiet market. */
const BEYOND_DATA_MS = 7 * 86_400_000;

function parseAt(value: string | undefined): Date {
  if (value === undefined) throw new UsageError('explain: --at <ISO time> is required, e.g. --at 2024-02-09T00:00:00Z');
  const time = Date.parse(value);
  if (!ISO_INSTANT.test(value) || !Number.isFinite(time) || !isCalendarDate(value.slice(0, 10)))
    throw new UsageError(`--at "${value}" is not an ISO-8601 UTC time such as 2024-02-09T00:00:00Z`);
  return new Date(time);
}

function parseTimeframe(value: string): Timeframe {
  if (!isTimeframe(value)) throw new UsageError(`--timeframe "${value}" is not one of ${TIMEFRAMES.join(', ')}`);
  return value;
}

function parseExplainSymbol(value: string | undefined): string {
  if (value === undefined) throw new UsageError('explain: which symbol? e.g. explain BTC/USD --at 2024-02-09T00:00:00Z');
  const symbol = value.trim().toUpperCase();
  if (!SymbolSchema.safeParse(symbol).success) throw new UsageError(`symbol "${value}" is not a symbol such as BTC/USD or SPY`);
  return symbol;
}

const number = (value: number | undefined, digits = 2): string =>
  value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);

function writeText(out: Writer, e: DecisionExplanation): void {
  const bar = e.lastClosedBar;
  const lines = [
    `${e.symbol} ${e.timeframe} at ${e.at} (engine ${e.engineVersion}, parameters ${e.paramsHash})`,
    `last closed bar  ${bar.timestamp}, closed ${bar.closesAt}: O ${formatPrice(bar.open)} H ${formatPrice(bar.high)} L ${formatPrice(bar.low)} C ${formatPrice(bar.close)} V ${number(bar.volume, 0)} (${e.barsAnalysed} bars analysed)`,
    `indicators       ${Object.entries(e.indicators)
      .map(([name, value]) => `${name} ${number(value)}`)
      .join(', ')}`,
    `patterns         ${e.patterns.length > 0 ? e.patterns.join(', ') : 'none'}`,
  ];
  if (e.conviction) {
    const { tier, structure, recencyBars } = e.conviction;
    lines.push(
      `conviction       ${tier}${structure ? ` (${structure.type} completed ${structure.completedAt})` : ` (no bullish harmonic or Elliott structure completed in the last ${recencyBars} bars)`}`,
    );
  }
  for (const gate of e.gates) {
    const applies = 'applies' in gate && !gate.applies;
    const verdict = applies ? 'not applied to this pattern' : gate.passed ? 'passed' : 'FAILED';
    const relation = gate.gate === 'RSI' ? '≤' : '≥';
    lines.push(`gate ${gate.gate.padEnd(12)}${number(gate.value)} ${relation} ${gate.threshold}: ${verdict}`);
  }
  if (e.candidate) {
    const c = e.candidate;
    lines.push(
      `decision         CANDIDATE ${c.pattern} ${c.signalId}: entry ${formatPrice(c.entry)}, stop ${formatPrice(c.stop)}, TP1 ${formatPrice(c.tp1)}, TP2 ${formatPrice(c.tp2)}, TP3 ${formatPrice(c.tp3)}, R:R ${number(c.riskReward)}`,
    );
  } else if (e.rejection) {
    lines.push(`decision         REJECTED ${e.patterns[0] ?? ''} ${e.rejection.signalId}: ${e.rejection.reasons.join('; ')}`);
  } else {
    lines.push('decision         no pattern on this bar: no candidate');
  }
  out.write(`${lines.join('\n')}\n`);
}

/**
 * `explain <symbol> --at <ISO time> [--timeframe 1Day] [--json]`: why the engine did or did not signal then, on
 * the bundled data or on Alpaca when it is the configured source.
 */
export const explain: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs('explain', {
    args: [...argv],
    options: {
      at: { type: 'string' },
      timeframe: { type: 'string', default: '1Day' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (positionals.length > 1)
    throw new UsageError(`explain takes one symbol, got ${positionals.length}: ${positionals.join(' ')}`);
  const symbol = parseExplainSymbol(positionals[0]);
  const at = parseAt(values.at);
  const timeframe = parseTimeframe(values.timeframe);

  const config = loadConfig();
  const secrets = await loadSecrets({ config });
  configureLogging({ stream: process.stderr, level: process.env.LOG_LEVEL ? config.log.level : 'warn' });
  const source = instanceAdapters(config, { secrets: async () => secrets }).marketSource();
  const [result] = await source.closedBars({ symbols: [symbol], timeframe, asOf: at, lookbackBars: ANALYSIS_LOOKBACK_BARS });
  if ('problem' in result) throw new UsageError(`${symbol}: ${result.problem}`);
  const last = result.bars[result.bars.length - 1];
  const lastClose = barClosesAt(last.timestamp, timeframe, result.assetClass);
  if (at.getTime() - lastClose > BEYOND_DATA_MS) {
    throw new UsageError(
      `--at ${at.toISOString()} is after the ${timeframe} data of ${symbol}, whose last bar (${last.timestamp}) closed ${new Date(lastClose).toISOString()}`,
    );
  }
  let explanation: DecisionExplanation;
  try {
    explanation = explainDecision(symbol, result.assetClass, timeframe, result.bars, at, config.signals);
  } catch (error) {
    if (!(error instanceof NotEnoughBarsError)) throw error;
    throw new UsageError(`--at ${at.toISOString()} is too early in the ${timeframe} data of ${symbol}: ${error.message}`);
  }
  if (values.json) io.out.write(`${JSON.stringify(explanation)}\n`);
  else writeText(io.out, explanation);
  return 0;
};
