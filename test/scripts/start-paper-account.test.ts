import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openSqliteTradeStore } from '../../shared/store/sqlite-trade-store.js';
import type { PaperAccount } from '../../shared/trading/paper-account.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

test('npm start shows the simulated paper account (trades, P&L, drawdown, equity curve); a second run changes nothing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-paper-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'sentinel.db');
  const start = async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import=tsx', 'scripts/start.ts', '--json', '--symbols', 'BTC/USD', '--from', '2023-06-01', '--to', '2024-06-30'],
      {
        cwd: root,
        maxBuffer: 16 << 20,
        env: { ...process.env, SQLITE_PATH: path, LOG_LEVEL: 'warn', ENABLE_EXECUTION: 'false' },
      },
    );
    const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as {
      newSignals: number;
      paperAccount: Omit<PaperAccount, 'curve'> & { curve: number };
    };
    return { summary, outbox: /outbox: \d+ messages → (\S+)/.exec(stderr)?.[1] };
  };
  const first = await start();
  const account = first.summary.paperAccount;
  t.is(account.mode, 'simulated');
  t.true(account.trades > 0, 'signals were traded');
  t.is(account.trades, account.wins + account.losses);
  t.is(account.startingEquity, 100_000);
  t.is(Math.round((account.startingEquity + account.realizedPnl) * 100), Math.round(account.equity * 100));
  t.true(account.fees > 0, 'fees are charged');
  t.true(account.maxDrawdown >= 0 && account.maxDrawdownFraction < 1);
  t.is(account.curve, account.trades, 'one equity point per closed trade');

  const trades = openSqliteTradeStore({ path, environment: 'dev' });
  const orders = (await trades.listOrders()).length;
  const closed = (await trades.listPositions('closed')).length;
  await trades.close();
  t.is(closed, account.trades);
  t.true(orders > 0);
  t.truthy(first.outbox);
  const html = readFileSync(first.outbox ?? '', 'utf8');
  t.regex(html, /<section class="paper-account"><h2>Paper account<\/h2>/);
  t.regex(html, /<svg [^>]*class="equity-curve"/);

  const second = await start();
  t.is(second.summary.newSignals, 0);
  t.deepEqual(second.summary.paperAccount, account, 'the same account');
  const again = openSqliteTradeStore({ path, environment: 'dev' });
  t.teardown(() => again.close());
  t.is((await again.listOrders()).length, orders, 'no order added');
});
