import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { createDuckDbWarehouse } from '../../../shared/analytics/duckdb-warehouse.js';
import { factsOf, mergeBatches } from '../../../shared/analytics/facts.js';
import { accountSnapshotOf, bookEvents } from '../../shared/analytics/analytics-events.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const execute = promisify(execFile);
const CHROMIUM = '/usr/bin/chromium';
const CHARTS = ['cumulative-r', 'drawdown-r', 'r-distribution', 'pattern-expectancy', 'account-equity', 'account-drawdown'];

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function sentinel(storePath: string, args: readonly string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_PATH: storePath, LOG_LEVEL: 'warn' };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import=tsx', 'scripts/sentinel.ts', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A state folder whose analytics file holds the hand-computed book and a paper account; the store path beside it. */
async function bookFolder(t: ExecutionContext): Promise<{ folder: string; storePath: string; analyticsPath: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'sentinel-report-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  const analyticsPath = join(folder, 'analytics.duckdb');
  const warehouse = createDuckDbWarehouse({ path: analyticsPath, idleMs: 5 });
  const account = [100_000, 101_000, 99_500, 102_000].map((equity, day) =>
    accountSnapshotOf(new Date(Date.UTC(2024, 2, 1 + day)).toISOString(), equity),
  );
  await warehouse.append(mergeBatches([...bookEvents(), ...account].map((event) => factsOf(event, '2024-05-01T00:00:00.000Z'))));
  await warehouse.close();
  return { folder, storePath: join(folder, 'sentinel.db'), analyticsPath };
}

test('report prints the performance tables and writes report.html; --json gives the same numbers', async (t) => {
  const { folder, storePath } = await bookFolder(t);
  const run = await sentinel(storePath, ['report']);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /Closed signals from the beginning to today/);
  t.regex(run.stdout, /signals\s+win rate\s+expectancy\s+gross R\s+total\s+profit factor\s+max DD\s+bars held\s+expired/);
  t.regex(run.stdout, /BULLISH_ENGULFING\s+4\s+25\.0 %\s+\+0\.00 R\s+\+0\.08 R\s+\+0\.00 R\s+1\.00\s+2\.00 R\s+4\.3\s+25\.0 %/);
  t.regex(run.stdout, /BULLISH_HAMMER\s+EQUITY\s+1Day\s+2024-04\s+2\s+50\.0 %\s+\+0\.50 R/);
  t.regex(run.stdout, /Paper account: equity \$102000\.00 on 2024-03-04, peak \$102000\.00, max drawdown 1\.5 %/);
  t.regex(run.stdout, new RegExp(`report: ${join(folder, 'report.html').replaceAll('/', '\\/')}`));
  t.true(existsSync(join(folder, 'report.html')));

  const json = await sentinel(storePath, ['report', '--json', '--from', '2024-04-01', '--to', '2024-04-30']);
  t.is(json.code, 0, json.stderr);
  const data = JSON.parse(json.stdout) as {
    total: { signals: number; expectancy_r: number };
    byPattern: { pattern: string }[];
    curve: unknown[];
  };
  t.is(data.total.signals, 2, 'only the April exits');
  t.is(data.total.expectancy_r, 0.5);
  t.deepEqual(
    data.byPattern.map((p) => p.pattern),
    ['BULLISH_HAMMER'],
  );
  t.is(data.curve.length, 2);
});

test('report refuses a bad date naming the option, and says when there are no analytics yet', async (t) => {
  const { storePath } = await bookFolder(t);
  const bad = await sentinel(storePath, ['report', '--from', '2024-13-01']);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /--from "2024-13-01" is not a date/);
  const empty = mkdtempSync(join(tmpdir(), 'sentinel-report-empty-'));
  t.teardown(() => rmSync(empty, { recursive: true, force: true }));
  const none = await sentinel(join(empty, 'sentinel.db'), ['report']);
  t.is(none.code, 66);
  t.regex(none.stderr, /no analytics at .*analytics\.duckdb yet: run npm start/);
});

test('while another process writes the analytics file, report waits briefly, then says so (exit 75)', async (t) => {
  const { storePath, analyticsPath } = await bookFolder(t);
  const holder = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { DuckDBInstance } from '@duckdb/node-api'; await DuckDBInstance.create(${JSON.stringify(analyticsPath)}); console.log('holding'); setInterval(() => {}, 1000);`,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  t.teardown(() => holder.kill());
  await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
  const run = await sentinel(storePath, ['report']);
  t.is(run.code, 75);
  t.regex(
    run.stderr,
    /analytics\.duckdb is being written by another process \(sentinel run or npm start\); try again when it has finished/,
  );
});

test('headless Chromium renders every chart of report.html, none blank', async (t) => {
  t.true(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  const { folder, storePath } = await bookFolder(t);
  t.is((await sentinel(storePath, ['report'])).code, 0);
  const html = join(folder, 'report.html');
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${join(folder, 'profile')}`,
  ];
  const { stdout: dom } = await execute(CHROMIUM, [...args, '--window-size=1600,2000', '--dump-dom', `file://${html}`], {
    maxBuffer: 64 << 20,
    timeout: 90_000,
  });
  for (const chart of CHARTS) {
    const rendered = new RegExp(`data-chart="${chart}"[^>]*data-rendered="(\\d+):(\\d+)x(\\d+)"`).exec(dom);
    t.truthy(rendered, `chart ${chart} is missing or was not rendered`);
    const [marks, width, height] = (rendered?.slice(1) ?? []).map(Number);
    t.true(
      marks > 0 && width > 0 && height > 0,
      `chart ${chart} is blank (${String(marks)} marks, ${String(width)}×${String(height)})`,
    );
  }
  t.is(readFileSync(html, 'utf8').match(/<figure class="chart"/g)?.length, CHARTS.length);
});
