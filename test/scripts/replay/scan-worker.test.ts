import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { ENGINE_PARAMS } from '../../../functions/generate-signals/candidates/index.js';
import { findBundledSeries, readBundledBars } from '../../../shared/market-data/bundled-bars.js';
import { paperAccount } from '../../../shared/trading/paper-account.js';
import { openLocalRuntime } from '../../../scripts/pipeline/local-runtime.js';
import { decisionSteps } from '../../../scripts/replay/decision-times.js';
import { replayThroughPipeline } from '../../../scripts/replay/pipeline-replay.js';
import { scanWorker } from '../../../scripts/replay/scan-worker.js';

const SYMBOLS = ['BTC/USD', 'SPY'] as const;

function steps() {
  const series = SYMBOLS.map((symbol) => {
    const found = findBundledSeries(symbol, '1Day');
    if (!found) throw new Error(`no bundled ${symbol}`);
    return { symbol, assetClass: found.assetClass, bars: readBundledBars(found) };
  });
  return decisionSteps(series, '1Day', {
    from: new Date('2022-01-01T00:00:00Z'),
    to: new Date('2023-12-31T00:00:00Z'),
    minBars: ENGINE_PARAMS.minBars,
  });
}

/** A replay of two years of BTC/USD and SPY into its own store, its scans on the bus or in the worker. */
async function replay(t: ExecutionContext, inWorker: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'scan-worker-'));
  const runtime = await openLocalRuntime({ storePath: join(dir, 'sentinel.db') });
  t.teardown(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const moments = steps();
  const source = inWorker
    ? scanWorker({ storePath: runtime.storePath, timeframe: '1Day', steps: moments, logging: runtime.logging, lookahead: 8 })
    : undefined;
  const result = await replayThroughPipeline(runtime.bus, '1Day', moments, source ? { moments: source } : {});
  const events = Object.fromEntries([...runtime.observed.events].map(([type, data]) => [type, [...data].sort()]));
  const account = paperAccount(await runtime.trades.listPositions(), runtime.config.simulation.startingEquityUsd);
  return {
    result,
    signals: await runtime.store.listSignals(),
    events,
    account: { ...account, curve: account.curve.length },
    deadLetters: runtime.observed.deadLetters.size,
    scans: runtime.bus.stats.bySubscription.get('test-fetchMarketData-push')?.deliveries ?? 0,
    scansElsewhere: source?.elsewhere?.().get('test-fetchMarketData-push')?.deliveries ?? 0,
  };
}

test('a replay whose scans run in the worker thread gives what one bus gives: the same signals, events and paper account', async (t) => {
  const [onBus, inWorker] = [await replay(t, false), await replay(t, true)];
  t.true(onBus.signals.length > 0, 'the two years hold signals to compare');
  t.deepEqual(inWorker.result, onBus.result);
  t.deepEqual(inWorker.signals, onBus.signals);
  t.deepEqual(inWorker.events, onBus.events);
  t.deepEqual(inWorker.account, onBus.account);
  t.is(inWorker.deadLetters, 0);
  t.is(onBus.scans, onBus.result.steps, 'on one bus, fetchMarketData took every scan request');
  t.is(inWorker.scans, 0, 'with the worker, the main bus scanned nothing itself');
  t.is(inWorker.scansElsewhere, onBus.result.steps, "the worker's bus took every scan request, and says so");
});

test('a scan worker that cannot open the store fails the replay with its reason', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'scan-worker-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const [first] = steps();
  const moments = scanWorker({ storePath: dir, timeframe: '1Day', steps: [first], logging: { level: 'error' } });
  t.teardown(() => moments.close());
  await t.throwsAsync(moments.messagesFor(0, first), {
    message: /^the scan worker failed: SqliteError: unable to open database file$/,
  });
});
