import { loadConfig } from '../../shared/config/index.js';
import { formatPrice } from '../../shared/format/price.js';
import { createLogger } from '../../shared/log/logger.js';
import { configuredTrading } from '../../shared/trading/configured-trading.js';
import { positionSymbol } from '../../shared/trading/trading-types.js';
import { reconcile, snapshotAccount } from '../../functions/reconcile-broker/index.js';
import { UsageError } from '../replay/cli-options.js';
import type { Command } from './io.js';
import { parseCommandArgs } from './parse.js';
import { table } from './table.js';
import { tradingCommandRuntime } from './trading-runtime.js';

const qty = (n: number) => String(Number(n.toFixed(9)));

async function openTrading() {
  const config = loadConfig();
  return { config, ...(await configuredTrading(config, createLogger({ command: 'trading' }))) };
}

function parse(name: string, argv: readonly string[], extra: Record<string, { type: 'string' | 'boolean' }> = {}) {
  const { values } = parseCommandArgs(name, {
    args: [...argv],
    options: { json: { type: 'boolean', default: false }, ...extra },
    allowPositionals: false,
  });
  return values as Record<string, string | boolean | undefined>;
}

/** `reconcile [--json]`: the broker against the store once, then the account snapshot; prints what it found. */
export const reconcileCommand: Command = async (argv, io) => {
  const values = parse('reconcile', argv);
  const config = loadConfig();
  const log = createLogger({ command: 'reconcile' });
  // Notifications of the local outbox go to stderr: stdout is the report (one JSON line with --json).
  const { trades, broker, bus, finish } = await tradingCommandRuntime(config, log, { write: (chunk) => io.err.write(chunk) });
  try {
    const report = await reconcile({
      trades,
      broker,
      bus,
      log,
      now: () => new Date(),
      stopLimitOffsetFraction: config.execution.stopLimitOffsetFraction,
    });
    await snapshotAccount({ trades, broker, bus, now: () => new Date() });
    if (values.json === true) {
      io.out.write(`${JSON.stringify({ mode: broker.mode, ...report })}\n`);
      return 0;
    }
    io.out.write(
      `reconciled ${broker.mode} broker: ${report.ordersChecked} open orders checked, ${report.fills} new fills, ` +
        `${report.lost.length} lost, ${report.orphans.length} orphans, ${report.zombies.length} zombies, ${report.closed.length} closed, ` +
        `${report.drift.length} drifting; account snapshot taken\n`,
    );
    for (const id of report.stopsCovered) io.out.write(`  protective stop of signal ${id} now covers what filled\n`);
    for (const id of report.stopsShrunk)
      io.out.write(`  protective stop of signal ${id} shrunk to what is held after a coin fee\n`);
    for (const fee of report.feesRecorded)
      io.out.write(
        `  crypto fee ${fee.activityId}: ${qty(fee.qty)} of the coin ($${fee.usd.toFixed(2)}) on signal ${fee.signalId}\n`,
      );
    for (const id of report.feesUnmatched)
      io.out.write(`  crypto fee ${id} matches no position of ours (looked at again next run)\n`);
    for (const orphan of report.orphans) io.out.write(`  orphan ${orphan.symbol} ${qty(orphan.qty)} (never traded)\n`);
    for (const id of report.lost) io.out.write(`  lost order ${id}\n`);
    for (const id of report.zombies) io.out.write(`  zombie position of signal ${id} (record closed)\n`);
    for (const d of report.drift) io.out.write(`  drift ${d.symbol}: store ${qty(d.store)}, broker ${qty(d.broker)}\n`);
    return 0;
  } finally {
    await finish();
  }
};

/** `positions [--json]`: open positions in the store against the broker's, with any drift. */
export const positionsCommand: Command = async (argv, io) => {
  const values = parse('positions', argv);
  const { trades, broker } = await openTrading();
  try {
    const stored = (await trades.listPositions('open')).filter((p) => p.mode === broker.mode);
    const atBroker = await broker.positions();
    const symbols = [
      ...new Set([...stored.map((p) => positionSymbol(p.symbol)), ...atBroker.map((p) => positionSymbol(p.symbol))]),
    ].sort();
    const rows = symbols.map((symbol) => {
      const mine = stored.filter((p) => positionSymbol(p.symbol) === symbol);
      const storeQty = mine.reduce((s, p) => s + p.qty, 0);
      const brokerQty = atBroker.find((p) => positionSymbol(p.symbol) === symbol)?.qty ?? 0;
      return {
        symbol: mine[0]?.symbol ?? symbol,
        signals: mine.map((p) => p.signalId),
        store: Number(storeQty.toFixed(9)),
        broker: brokerQty,
        drift: Number((brokerQty - storeQty).toFixed(9)),
        avgEntryPrice: mine[0]?.avgEntryPrice ?? null,
      };
    });
    if (values.json === true) {
      io.out.write(`${JSON.stringify({ mode: broker.mode, positions: rows })}\n`);
      return 0;
    }
    io.out.write(
      `${broker.mode} broker: ${rows.length} position${rows.length === 1 ? '' : 's'}, ${rows.filter((r) => r.drift !== 0).length} drifting\n`,
    );
    if (rows.length > 0) {
      io.out.write(
        `${table(
          ['symbol', 'signal', 'store', 'broker', 'drift', 'entry'],
          rows.map((r) => [
            r.symbol,
            r.signals[0]?.slice(0, 8) ?? '(orphan)',
            qty(r.store),
            qty(r.broker),
            r.drift === 0 ? '—' : qty(r.drift),
            r.avgEntryPrice === null ? '—' : formatPrice(r.avgEntryPrice),
          ]),
          { textColumns: 2 },
        )}\n`,
      );
    }
    return 0;
  } finally {
    await trades.close();
  }
};

/** `orders --signal <id> [--json]`: the orders this system sent for one signal, oldest first. */
export const ordersCommand: Command = async (argv, io) => {
  const values = parse('orders', argv, { signal: { type: 'string' } });
  const signalId = typeof values.signal === 'string' ? values.signal.trim() : '';
  if (signalId === '') throw new UsageError('orders: --signal <signal id> (a UUID) is required');
  if (!/^[0-9a-f-]{36}$/i.test(signalId)) throw new UsageError(`orders: --signal "${signalId}" is not a signal id (a UUID)`);
  const { trades } = await openTrading();
  try {
    const orders = await trades.listOrders({ signalId: signalId.toLowerCase() });
    if (values.json === true) {
      io.out.write(`${JSON.stringify({ signalId, orders })}\n`);
      return 0;
    }
    io.out.write(`${orders.length} order${orders.length === 1 ? '' : 's'} for signal ${signalId}\n`);
    if (orders.length > 0) {
      const price = (n: number | null) => (n === null ? '—' : formatPrice(n));
      io.out.write(
        `${table(
          ['client order id', 'side', 'type', 'status', 'qty', 'filled', 'avg price', 'limit', 'stop', 'slippage'],
          orders.map((o) => [
            o.clientOrderId,
            o.side,
            o.type,
            o.status,
            qty(o.qty),
            qty(o.filledQty),
            price(o.filledAvgPrice),
            price(o.limitPrice),
            price(o.stopPrice),
            price(o.slippage),
          ]),
          { textColumns: 4 },
        )}\n`,
      );
    }
    return 0;
  } finally {
    await trades.close();
  }
};
