import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { DuckDBInstance } from '@duckdb/node-api';
import { createDuckDbWarehouse } from '../../../shared/analytics/duckdb-warehouse.js';
import { factsOf, mergeBatches } from '../../../shared/analytics/facts.js';
import { performanceSql } from '../../../shared/analytics/views.js';
import type { AnalyticsRow, Warehouse } from '../../../shared/analytics/warehouse.port.js';
import { accountSnapshotOf, bookEvents, ENGULFING, HAMMER, tradeFilledOf } from './analytics-events.js';

function near(t: ExecutionContext, actual: unknown, expected: number, what: string) {
  t.true(typeof actual === 'number' && Math.abs(actual - expected) < 1e-9, `${what}: ${String(actual)} is not ${expected}`);
}

async function bookWarehouse(
  t: ExecutionContext,
  extra: Record<string, unknown>[] = [],
): Promise<{ warehouse: Warehouse; path: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'analytics-views-'));
  const path = join(folder, 'analytics.duckdb');
  const warehouse = createDuckDbWarehouse({ path, idleMs: 10 });
  t.teardown(async () => {
    await warehouse.close();
    rmSync(folder, { recursive: true, force: true });
  });
  await warehouse.append(
    mergeBatches(
      [...bookEvents(), ...extra].map((event, i) => factsOf(event, new Date(Date.UTC(2024, 4, 1, 0, 0, i)).toISOString())),
    ),
  );
  return { warehouse, path };
}

const byKey = (rows: AnalyticsRow[], key: string) => new Map(rows.map((row) => [String(row[key]), row]));

test('v_signals: one row per signal, the state with the highest sequence, not the latest arrival', async (t) => {
  const { warehouse } = await bookWarehouse(t);
  const rows = await warehouse.query('SELECT * FROM main.v_signals');
  t.is(rows.length, ENGULFING.length + HAMMER.length + 1);
  const first = rows.find((row) => row.bar_timestamp === ENGULFING[0].bar && row.symbol === 'BTC/USD');
  t.is(first?.status, 'TP3_HIT', 'the tp1 step arrived last but is earlier in the life');
  t.is(first?.exit_reason, 'TP_HIT');
  near(t, first?.r_gross, 2.1, 'gross R');
  near(t, first?.r_net, 2, 'net R');
  t.is(first?.bars_held, 4);
  t.is(first?.engine_version, '0.1.0');
  const open = rows.find((row) => row.symbol === 'SOL/USD');
  t.is(open?.status, 'WAITING');
  t.is(open?.r_net, null, 'an open signal has no result yet');
});

test('v_performance_by_pattern: count, win rate, expectancy, profit factor, max drawdown, bars held, expired share', async (t) => {
  const { warehouse } = await bookWarehouse(t);
  const rows = byKey(await warehouse.query('SELECT * FROM main.v_performance_by_pattern'), 'pattern');
  t.deepEqual([...rows.keys()].sort(), ['BULLISH_ENGULFING', 'BULLISH_HAMMER'], 'the open signal is not an outcome');
  const engulfing = rows.get('BULLISH_ENGULFING');
  t.is(engulfing?.signals, 4);
  t.is(engulfing?.wins, 1);
  near(t, engulfing?.win_rate, 0.25, 'win rate');
  near(t, engulfing?.tp1_rate, 0.25, 'TP1 rate: the target exit');
  near(t, engulfing?.stop_rate, 0.5, 'stop rate: two stops');
  near(t, engulfing?.expectancy_r, 0, 'expectancy');
  near(t, engulfing?.avg_r_gross, (2.1 - 0.9 - 0.9 + 0) / 4, 'mean gross R');
  near(t, engulfing?.profit_factor, 1, 'profit factor');
  near(t, engulfing?.max_drawdown_r, 2, 'max drawdown');
  near(t, engulfing?.avg_bars_held, 4.25, 'bars held');
  near(t, engulfing?.expired_share, 0.25, 'expired share');
  const hammer = rows.get('BULLISH_HAMMER');
  t.is(hammer?.signals, 2);
  near(t, hammer?.win_rate, 0.5, 'win rate');
  near(t, hammer?.expectancy_r, 0.5, 'expectancy');
  near(t, hammer?.profit_factor, 3, 'profit factor');
  near(t, hammer?.max_drawdown_r, 0.5, 'a drawdown below the start counts from 0');
  near(t, hammer?.avg_bars_held, 2, 'bars held');
  near(t, hammer?.expired_share, 0, 'expired share');
});

test('v_performance: per pattern, asset class, timeframe and exit month', async (t) => {
  const { warehouse } = await bookWarehouse(t);
  const rows = await warehouse.query('SELECT * FROM main.v_performance ORDER BY pattern, month');
  t.deepEqual(
    rows.map((row) => [row.pattern, row.asset_class, row.timeframe, row.month, row.signals]),
    [
      ['BULLISH_ENGULFING', 'CRYPTO', '1Day', '2024-03', 4],
      ['BULLISH_HAMMER', 'EQUITY', '1Day', '2024-04', 2],
    ],
  );
  t.is(rows[1].profit_factor, 3);
});

test('performanceSql with no keys: the whole book; a pattern without losses has no profit factor', async (t) => {
  const { warehouse } = await bookWarehouse(t);
  const [all] = await warehouse.query(performanceSql('main.v_signal_outcomes', []));
  t.is(all.signals, 6);
  near(t, all.expectancy_r, 1 / 6, 'expectancy over 6');
  near(t, all.profit_factor, 3.5 / 2.5, 'profit factor');
  const [winners] = await warehouse.query(performanceSql('(SELECT * FROM main.v_signal_outcomes WHERE r_net > 0)', []));
  t.is(winners.profit_factor, null, 'SAFE_DIVIDE: no loss, no ratio');
  t.is(winners.max_drawdown_r, 0);
});

test('v_r_curve: cumulative net R and drawdown in exit order', async (t) => {
  const { warehouse } = await bookWarehouse(t);
  const rows = await warehouse.query('SELECT * FROM main.v_r_curve ORDER BY exit_time, signal_id');
  t.is(rows.length, 6);
  const curve = rows.map((row) => Number(row.cum_r));
  const expected = [2, 1, 0, 0, -0.5, 1];
  curve.forEach((value, i) => near(t, value, expected[i], `cumulative R ${i}`));
  near(t, rows[4].drawdown_r, 2.5, 'the drawdown from the peak of 2');
});

test('the views keep one row per event id: a row archived twice (insertId dedupe missed) is counted once', async (t) => {
  const { warehouse, path } = await bookWarehouse(t, [tradeFilledOf('s1', 'entry', 0.5, 62_000, 62_100, 7.76)]);
  await warehouse.close();
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  for (const table of ['fact_signals', 'fact_trades']) {
    await connection.run(`INSERT INTO ${table} SELECT * REPLACE (archived_at + INTERVAL 1 DAY AS archived_at) FROM ${table}`);
  }
  connection.closeSync();
  instance.closeSync();
  const [performance] = await warehouse.query("SELECT * FROM main.v_performance_by_pattern WHERE pattern = 'BULLISH_HAMMER'");
  t.is(performance.signals, 2);
  const trades = await warehouse.query('SELECT * FROM main.v_trades');
  t.is(trades.length, 1);
  near(t, trades[0].slippage, 100, 'slippage = fill - planned');
  near(t, trades[0].notional, 31_050, 'notional = qty × fill');
  t.is(trades[0].fees, 7.76);
  t.is(trades[0].leg, 'entry');
  t.is(trades[0].simulated, true);
});

test('v_account_equity: the equity curve and the drawdown from its running peak', async (t) => {
  const equities = [100_000, 101_000, 99_500, 102_000];
  const snapshots = equities.map((equity, day) => accountSnapshotOf(new Date(Date.UTC(2024, 2, 1 + day)).toISOString(), equity));
  const { warehouse } = await bookWarehouse(t, snapshots);
  const rows = await warehouse.query('SELECT * FROM main.v_account_equity ORDER BY as_of');
  t.deepEqual(
    rows.map((row) => row.equity),
    equities,
  );
  t.deepEqual(
    rows.map((row) => row.peak_equity),
    [100_000, 101_000, 101_000, 102_000],
  );
  t.deepEqual(
    rows.map((row) => row.drawdown),
    [0, 0, 1500, 0],
  );
  near(t, rows[2].drawdown_share, 1500 / 101_000, 'drawdown share');
  t.is(rows[0].account, 'simulated');
});
