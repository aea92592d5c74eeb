import { isOpenStatus } from '../../shared/domain/signal.js';
import type { Signal } from '../../shared/domain/signal.js';
import { formatPrice } from '../../shared/format/price.js';
import { rText } from './describe.js';
import type { Command } from './io.js';
import { openConfiguredStore } from './configured-store.js';
import { parseCommandArgs, parseSymbol } from './parse.js';
import { table } from './table.js';

const HEADER = ['symbol', 'timeframe', 'pattern', 'bar', 'status', 'entry', 'stop now', 'TP1', 'TP2', 'TP3', 'R so far'];

/** Newest bar first; one bar's signals by symbol. */
const newestFirst = (a: Signal, b: Signal) => b.barTimestamp.localeCompare(a.barTimestamp) || a.symbol.localeCompare(b.symbol);

function row(s: Signal): string[] {
  return [
    s.symbol,
    s.timeframe,
    s.pattern,
    s.barTimestamp.slice(0, 10),
    s.status,
    formatPrice(s.entry),
    formatPrice(s.currentStop),
    formatPrice(s.tp1),
    formatPrice(s.tp2),
    formatPrice(s.tp3),
    rText(s.realizedR),
  ];
}

/** What `--json` prints per signal: the table's fields, unformatted, plus id and exit. */
function jsonOf(s: Signal) {
  const { signalId, symbol, timeframe, pattern, barTimestamp, status, entry, stop, currentStop, tp1, tp2, tp3, realizedR } = s;
  const { realizedRNet, exitReason, exitPrice, exitTime, rulesVersion } = s;
  return {
    signalId,
    symbol,
    timeframe,
    pattern,
    barTimestamp,
    status,
    entry,
    stop,
    currentStop,
    tp1,
    tp2,
    tp3,
    realizedR,
    realizedRNet,
    exitReason,
    exitPrice,
    exitTime,
    rulesVersion,
  };
}

function countLine(shown: readonly Signal[], ended: number, all: boolean, where: string): string {
  const open = shown.filter((s) => isOpenStatus(s.status)).length;
  if (all) return `${shown.length} signal${shown.length === 1 ? '' : 's'}${where} (${open} open, ${shown.length - open} ended)`;
  const hint = ended > 0 ? `; ${ended} ended (--all lists them)` : '';
  return `${open} open signal${open === 1 ? '' : 's'}${where}${hint}`;
}

/** `status [--symbol S] [--all] [--json]`: the signals in the store, newest first, open ones unless `--all`. */
export const status: Command = async (argv, io) => {
  const { values } = parseCommandArgs('status', {
    args: [...argv],
    options: {
      symbol: { type: 'string' },
      all: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const symbol = parseSymbol(values.symbol);
  const runtime = openConfiguredStore();
  try {
    const signals = (await runtime.store.listSignals(symbol === undefined ? {} : { symbol })).sort(newestFirst);
    const shown = values.all ? signals : signals.filter((s) => isOpenStatus(s.status));
    if (values.json) {
      io.out.write(`${JSON.stringify({ count: shown.length, signals: shown.map(jsonOf) })}\n`);
      return 0;
    }
    const where = symbol === undefined ? '' : ` for ${symbol}`;
    if (signals.length === 0) {
      io.out.write(`No signals${where} in the store (${runtime.where}).\n`);
      return 0;
    }
    if (shown.length > 0) io.out.write(`${table(HEADER, shown.map(row), { textColumns: 5 })}\n\n`);
    io.out.write(`${countLine(shown, signals.length - shown.length, values.all, where)}\n`);
    return 0;
  } finally {
    await runtime.store.close();
  }
};
