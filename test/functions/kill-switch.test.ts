import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { createFetchMarketData } from '../../functions/fetch-market-data/index.js';
import type { Notification, NotificationSink } from '../../functions/notify-discord/notification-sink.port.js';
import { createPersistState } from '../../functions/persist-state/index.js';
import { lifecyclePolicy } from '../../functions/persist-state/policy.js';
import { pauseCommand, resumeCommand } from '../../scripts/cli/pause.js';
import type { CliIo } from '../../scripts/cli/io.js';
import type { Bus, OutgoingMessage } from '../../shared/bus/bus.port.js';
import { resetConfigForTests } from '../../shared/config/index.js';
import { deploymentJobs, gcloudJobArgs } from '../../shared/control/scheduler-control.js';
import { sqlitePauseFlag } from '../../shared/control/sqlite-pause-flag.js';
import { analysisKind } from '../../shared/messages/analysis.js';
import { scanRequestKind } from '../../shared/messages/scan-request.js';
import { openSqliteStore } from '../../shared/store/sqlite-store.js';
import { pushEventFor } from '../../shared/testing/events.js';
import { captureLogger } from '../shared/log/capture.js';
import { makeAnalysis, makeScanRequest } from '../shared/messages/message-factory.js';
import { barTime, makeBar, makeSignal, nowAfter } from './persist-state/signal-factory.js';

function recordingBus() {
  const published: Array<{ topic: string; message: OutgoingMessage }> = [];
  const bus: Bus = { publish: async (topic, message) => (published.push({ topic, message }), String(published.length)) };
  return { bus, published };
}

test('paused, fetchMarketData acknowledges a scan request without asking for a single bar', async (t) => {
  const { bus, published } = recordingBus();
  let asked = 0;
  const capture = captureLogger();
  const handler = createFetchMarketData({
    bus,
    log: capture.logger,
    now: () => new Date(),
    maxEventAgeMs: 3_600_000,
    source: { closedBars: async () => (asked++, []) },
    universe: { crypto: ['BTC/USD'], equity: [] },
    paused: async () => true,
  });
  await handler(pushEventFor(scanRequestKind, makeScanRequest(), { publishTime: new Date().toISOString() }));
  t.is(asked, 0);
  t.deepEqual(published, []);
  t.true(capture.entries().some((e) => e.message === 'paused: scan request acknowledged without scanning'));
});

test('paused, persistState admits no new signal, yet an open signal still meets its stop', async (t) => {
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(() => store.close());
  const open = makeSignal({ signalId: '7d1b8c52-3e0f-5a61-8f0e-2b7c9d4a6e13', pattern: 'MORNING_STAR' });
  await store.createSignalIfAbsent(open, []);
  const { bus, published } = recordingBus();
  const handler = createPersistState({
    bus,
    log: captureLogger().logger,
    now: () => new Date(),
    maxEventAgeMs: 3_600_000,
    store,
    policy: lifecyclePolicy({ cooldownScope: 'PATTERN' }),
    paused: async () => true,
  });
  const analysis = makeAnalysis({
    asOf: nowAfter(1),
    snapshots: [0, 1].map((k) => ({ ...makeBar(k, k === 1 ? { low: 60_400, close: 60_700 } : {}), closesAt: barTime(k + 1) })),
  });
  await handler(pushEventFor(analysisKind, analysis, { publishTime: new Date().toISOString() }));
  const signals = await store.listSignals();
  t.deepEqual(
    signals.map((s) => [s.signalId, s.status]),
    [[open.signalId, 'STOPPED']],
    'the stop fired and nothing new was created',
  );
  t.deepEqual(
    published.map((p) => p.message.attributes.type),
    ['signal.stopped'],
  );
});

test("deployment jobs are this environment's, backups excepted; gcloud is asked per job with project and region", (t) => {
  const names = [
    'projects/p/locations/r/jobs/live-scan-daily-crypto',
    'projects/p/locations/r/jobs/test-scan-daily-crypto',
    'live-sentinel-firestore-export',
    'live-maintenance-outbox-sweep',
  ];
  t.deepEqual(deploymentJobs(names, 'prod'), ['live-scan-daily-crypto', 'live-maintenance-outbox-sweep']);
  t.deepEqual(gcloudJobArgs('pause', 'live-scan-daily-crypto', { project: 'p', region: 'r', environment: 'prod' }), [
    'scheduler',
    'jobs',
    'pause',
    'live-scan-daily-crypto',
    '--location=r',
    '--project=p',
    '--quiet',
  ]);
});

test.serial('sentinel pause sets the flag, pauses the Scheduler jobs and tells the system route; resume undoes it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-pause-'));
  const saved = { ...process.env };
  t.teardown(() => {
    process.env = saved;
    resetConfigForTests();
    rmSync(dir, { recursive: true, force: true });
  });
  const path = join(dir, 'sentinel.db');
  Object.assign(process.env, {
    SQLITE_PATH: path,
    STORE: 'sqlite',
    ENVIRONMENT: 'dev',
    TEST_MODE: 'true',
    DISABLE_SECRET_MANAGER: 'true',
  });
  resetConfigForTests();
  const calls: string[] = [];
  const scheduler = {
    pauseAll: async () => (calls.push('pause'), ['test-scan-daily-crypto']),
    resumeAll: async () => (calls.push('resume'), ['test-scan-daily-crypto']),
  };
  const sent: Notification[] = [];
  const sink: NotificationSink = {
    channel: 'c',
    channelFor: (route) => route,
    send: async (n) => (sent.push(n), { messageId: String(sent.length) }),
  };
  const out: string[] = [];
  const io = { out: { write: (s: string) => out.push(s) }, err: { write: () => true }, stdin: process.stdin } as unknown as CliIo;
  let now = new Date('2026-11-30T09:00:00Z');
  const deps = { scheduler, sink, now: () => now };

  t.is(await pauseCommand(deps)(['--close-all', '--reason', 'key leaked'], io), 0);
  const flag = sqlitePauseFlag(path, 'dev');
  t.teardown(() => flag.close());
  t.like(await flag.get(), { paused: true, closeAll: true, reason: 'key leaked', at: '2026-11-30T09:00:00.000Z' });
  t.deepEqual(calls, ['pause']);
  t.is(sent[0].route, 'test');
  t.regex(
    sent[0].text,
    /paused[\s\S]*key leaked[\s\S]*Close-all on the simulated account: 0 open order\(s\) canceled[\s\S]*test-scan-daily-crypto/,
  );

  now = new Date('2026-11-30T10:00:00Z');
  t.is(await resumeCommand(deps)([], io), 0);
  t.like(await flag.get(), { paused: false, closeAll: false });
  t.deepEqual(calls, ['pause', 'resume']);
  t.regex(sent[1].title, /resumed/);
});
