import test from 'ava';
import type { ExecutionContext } from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { analyticsPathFor, openDuckDbReader } from '../../shared/analytics/duckdb-warehouse.js';
import { performanceIn } from '../../shared/analytics/performance.js';
import type { PerformanceStats } from '../../shared/analytics/performance.js';
import { outcomeOf, outcomeStatistics, statisticsBy } from '../../shared/domain/statistics.js';
import type { ClosedOutcome, OutcomeStatistics } from '../../shared/domain/statistics.js';
import { openSqliteStore } from '../../shared/store/sqlite-store.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const storePath = join(mkdtempSync(join(tmpdir(), 'sentinel-views-')), 'state.db');

/** The default replay (`npm start`), once; then the store's outcomes and the archive's views side by side. */
const replayed = (async () => {
  await promisify(execFile)(process.execPath, ['--import=tsx', 'scripts/start.ts', '--json', '--reset'], {
    cwd: root,
    maxBuffer: 16 << 20,
    env: { ...process.env, SQLITE_PATH: storePath, LOG_LEVEL: 'warn' },
  });
  const store = openSqliteStore({ path: storePath, environment: 'dev' });
  const outcomes = (await store.listSignals()).map(outcomeOf).filter((outcome): outcome is ClosedOutcome => outcome !== null);
  await store.close();
  const warehouse = await openDuckDbReader(analyticsPathFor(storePath));
  try {
    return {
      outcomes,
      overall: await performanceIn(warehouse, {}, []),
      byPattern: await performanceIn(warehouse, {}, ['pattern']),
    };
  } finally {
    await warehouse.close();
  }
})();

/** The view's columns against the statistics module's fields, each within rounding. */
function assertAgree(t: ExecutionContext, view: PerformanceStats, stats: OutcomeStatistics, label: string): void {
  t.is(view.signals, stats.count, `${label}: count`);
  const pairs: [keyof PerformanceStats, keyof OutcomeStatistics][] = [
    ['win_rate', 'winRate'],
    ['tp1_rate', 'tp1Rate'],
    ['stop_rate', 'stopRate'],
    ['expired_share', 'expiredShare'],
    ['expectancy_r', 'expectancy'],
    ['avg_r_gross', 'averageRGross'],
    ['profit_factor', 'profitFactor'],
    ['max_drawdown_r', 'maxDrawdownR'],
    ['avg_bars_held', 'averageBarsHeld'],
  ];
  for (const [column, field] of pairs) {
    const a = view[column] as number | null;
    const b = stats[field] as number | null;
    if (a === null || b === null) t.is(a, b, `${label}: ${column}`);
    else t.true(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${label}: ${column} view ${a} vs statistics ${b}`);
  }
}

test('on the default replay, the performance views agree with the statistics module overall', async (t) => {
  const { outcomes, overall } = await replayed;
  t.true(outcomes.length >= 20, `the default replay ends enough signals to compare (${outcomes.length})`);
  t.is(overall.length, 1);
  assertAgree(t, overall[0], outcomeStatistics(outcomes), 'overall');
});

test('on the default replay, the performance views agree with the statistics module per pattern', async (t) => {
  const { outcomes, byPattern } = await replayed;
  const expected = new Map(statisticsBy(outcomes, (outcome) => outcome.pattern));
  t.deepEqual(byPattern.map((row) => row.pattern).sort(), [...expected.keys()].sort());
  t.true(expected.size >= 3, 'several patterns to compare');
  for (const row of byPattern) {
    const stats = expected.get(row.pattern as ClosedOutcome['pattern']);
    if (stats) assertAgree(t, row, stats, String(row.pattern));
  }
});
