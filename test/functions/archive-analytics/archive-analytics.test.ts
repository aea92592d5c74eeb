import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { BigQuery } from '@google-cloud/bigquery';
import { createArchiveAnalytics } from '../../../functions/archive-analytics/index.js';
import { createBigQueryWarehouse } from '../../../shared/analytics/bigquery-warehouse.js';
import { createDuckDbWarehouse } from '../../../shared/analytics/duckdb-warehouse.js';
import { factsOf } from '../../../shared/analytics/facts.js';
import { RowRefusedError } from '../../../shared/analytics/warehouse.port.js';
import type { Warehouse } from '../../../shared/analytics/warehouse.port.js';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import { readPushMessage } from '../../../shared/messages/envelope.js';
import { TOPICS } from '../../../shared/messages/topics.js';
import { DEAD_LETTER_ATTRIBUTES } from '../../../shared/runtime/push-handler.js';
import { pushEventWithJson } from '../../../shared/testing/events.js';
import type { PushCloudEvent } from '../../../shared/testing/events.js';
import { BigQueryServer } from '../../servers/bigquery-server.js';
import { captureLogger } from '../../shared/log/capture.js';
import { accountSnapshotOf, createdEventOf, lifecycleEventOf, tradeFilledOf } from '../../shared/analytics/analytics-events.js';

// No credentials against the local server: the auth library must not probe for a metadata server.
process.env.METADATA_SERVER_DETECTION = 'none';

const PROJECT = 'sentinel-test';
const DATASET = 'crypto_analytics_test';
const NOW = '2024-05-01T00:00:00.000Z';
const SPEC = { bar: '2024-03-02T00:00:00.000Z', barsHeld: 3, rNet: -1, rGross: -0.95 } as const;

async function bigQuery(t: ExecutionContext) {
  const server = new BigQueryServer();
  const apiEndpoint = await server.start();
  t.teardown(() => server.stop());
  const warehouse = createBigQueryWarehouse({
    projectId: PROJECT,
    dataset: DATASET,
    apiEndpoint,
    maximumBytesBilled: 10_000_000,
  });
  return { server, warehouse, apiEndpoint };
}

function archiver(warehouse: Warehouse) {
  const bus = new InProcessBus();
  const deadLetters: PushCloudEvent[] = [];
  bus.subscribe({ name: 'dead-letter-collector', topic: TOPICS.deadLetters }, async (event) => {
    deadLetters.push(event);
  });
  const capture = captureLogger();
  const handler = createArchiveAnalytics({
    bus,
    log: capture.logger,
    now: () => new Date(NOW),
    maxEventAgeMs: 3_600_000_000,
    warehouse,
  });
  const deliver = async (event: unknown) => {
    await handler(pushEventWithJson(event, { publishTime: NOW, topic: TOPICS.events }));
    await bus.drain();
  };
  return { deliver, deadLetters };
}

test('each fact goes out raw as {insertId, json} with insertId = event id; a redelivery adds no row', async (t) => {
  const { server, warehouse } = await bigQuery(t);
  const { deliver } = archiver(warehouse);
  const created = createdEventOf(SPEC);
  const stopped = lifecycleEventOf(SPEC);
  for (const event of [created, stopped, stopped, created]) await deliver(event);
  const requests = server.insertRequests('fact_signals');
  t.is(requests.length, 4, 'every delivery was sent');
  const sent = requests.map((r) => (r.body.rows as { insertId: string }[])[0].insertId);
  t.deepEqual(sent, [created.eventId, stopped.eventId, stopped.eventId, created.eventId]);
  t.is(server.rows.get('fact_signals')?.length, 2, 'BigQuery dedupes on our insertId');
  t.is(server.rows.get('fact_signal_events')?.length, 2);
  const stoppedRow = server.rows.get('fact_signals')?.[1].json;
  t.is(stoppedRow?.event_id, stopped.eventId);
  t.is(stoppedRow?.status, 'STOPPED');
  t.is(stoppedRow?.r_net, -1);
  t.is(stoppedRow?.r_gross, -0.95);
  t.is(stoppedRow?.bars_held, 3);
  t.is(stoppedRow?.archived_at, NOW, 'partitioned by archive time, not the bar date');
});

test('a duplicate BigQuery missed is still one row in the views (jobs.query, maximumBytesBilled set)', async (t) => {
  const { server, warehouse } = await bigQuery(t);
  server.dedupe = false;
  const { deliver } = archiver(warehouse);
  const stopped = lifecycleEventOf(SPEC);
  for (const event of [createdEventOf(SPEC), stopped, stopped]) await deliver(event);
  t.is(server.rows.get('fact_signals')?.length, 3, 'the raw table holds the duplicate');
  const rows = await warehouse.query(`SELECT signal_id, status, r_net, exit_time FROM ${warehouse.dataset}.v_signals`);
  t.is(rows.length, 1);
  t.is(rows[0].status, 'STOPPED');
  t.is(rows[0].exit_time, '2024-03-06T00:00:00.000Z', 'a TIMESTAMP comes back as an ISO instant');
  const [performance] = await warehouse.query(`SELECT * FROM ${warehouse.dataset}.v_performance_by_pattern`);
  t.is(performance.signals, 1);
  const query = server.requests.filter((r) => r.path.endsWith('/queries'));
  t.true(query.every((r) => r.body.maximumBytesBilled === '10000000'));
});

test('the local server refuses a query without maximumBytesBilled, so the test above means something', async (t) => {
  const { apiEndpoint } = await bigQuery(t);
  const client = new BigQuery({ projectId: PROJECT, apiEndpoint });
  await t.throwsAsync(client.query({ query: 'SELECT 1' }), { message: /maximumBytesBilled/ });
});

test('a partial insert failure is retried row by row: every row lands once', async (t) => {
  const { server, warehouse } = await bigQuery(t);
  const events = [
    createdEventOf(SPEC),
    createdEventOf({ ...SPEC, symbol: 'ETH/USD' }),
    createdEventOf({ ...SPEC, symbol: 'SOL/USD' }),
  ];
  server.failTransiently(events[1].eventId, 2);
  const batch = {
    fact_signals: events.flatMap((event) => factsOf(event as unknown as Record<string, unknown>, NOW).fact_signals ?? []),
  };
  await warehouse.append(batch);
  const requests = server.insertRequests('fact_signals');
  t.deepEqual(
    requests.map((r) => (r.body.rows as unknown[]).length),
    [3, 1, 1],
    'the batch, then the failed row alone until it lands',
  );
  t.deepEqual(
    server.rows
      .get('fact_signals')
      ?.map((row) => row.insertId)
      .sort(),
    events.map((e) => e.eventId).sort(),
  );
});

test('a row still failing after its retries throws (transient: Pub/Sub redelivers), the others landed', async (t) => {
  const { server, warehouse } = await bigQuery(t);
  const events = [createdEventOf(SPEC), createdEventOf({ ...SPEC, symbol: 'ETH/USD' })];
  server.failTransiently(events[0].eventId, 10);
  const batch = {
    fact_signals: events.flatMap((event) => factsOf(event as unknown as Record<string, unknown>, NOW).fact_signals ?? []),
  };
  const error = await t.throwsAsync(warehouse.append(batch));
  t.false(error instanceof RowRefusedError);
  t.deepEqual(
    server.rows.get('fact_signals')?.map((row) => row.insertId),
    [events[1].eventId],
  );
});

test('a row the table schema refuses throws naming the field, after the good rows of its batch landed', async (t) => {
  const { server, warehouse } = await bigQuery(t);
  server.dropColumn('fact_signals', 'r_net');
  const events = [createdEventOf(SPEC) as unknown as Record<string, unknown>, lifecycleEventOf(SPEC)];
  const batch = { fact_signals: events.flatMap((event) => factsOf(event, NOW).fact_signals ?? []) };
  const error = await t.throwsAsync(warehouse.append(batch), { instanceOf: RowRefusedError });
  t.is(error?.table, 'fact_signals');
  t.is(error?.field, 'r_net');
  t.deepEqual(
    server.rows.get('fact_signals')?.map((row) => row.insertId),
    [events[0].eventId],
    'the open signal (no r_net) landed',
  );
});

test('archiveAnalytics dead-letters an event whose row the warehouse refuses, with the field named', async (t) => {
  const { server, warehouse } = await bigQuery(t);
  server.dropColumn('fact_signals', 'r_net');
  const { deliver, deadLetters } = archiver(warehouse);
  await deliver(lifecycleEventOf(SPEC));
  t.is(deadLetters.length, 1);
  const { attributes } = readPushMessage(deadLetters[0]);
  t.is(attributes[DEAD_LETTER_ATTRIBUTES.field], 'fact_signals.r_net');
  t.is(attributes[DEAD_LETTER_ATTRIBUTES.source], 'archiveAnalytics');
  t.regex(attributes[DEAD_LETTER_ATTRIBUTES.error] ?? '', /no such field: r_net/);
});

test('archiveAnalytics dead-letters a signal event that breaks its schema, naming the field; nothing is written', async (t) => {
  const { server, warehouse } = await bigQuery(t);
  const { deliver, deadLetters } = archiver(warehouse);
  const broken = { ...lifecycleEventOf(SPEC), status: 'SOMEWHERE' };
  await deliver(broken);
  t.is(deadLetters.length, 1);
  t.is(readPushMessage(deadLetters[0]).attributes[DEAD_LETTER_ATTRIBUTES.field], 'status');
  t.is(server.insertRequests('fact_signals').length, 0);
});

test('trade and account events of paper trading become fact_trades and snapshot_accounts rows; unknown types are skipped', async (t) => {
  const { server, warehouse } = await bigQuery(t);
  const { deliver, deadLetters } = archiver(warehouse);
  const fill = tradeFilledOf('6f1c1d3e-0000-5000-8000-000000000001', 'entry', 0.25, 62_000, 62_040, 3.88);
  await deliver(fill);
  await deliver(accountSnapshotOf('2024-03-02T00:00:00.000Z', 100_250));
  await deliver({ schemaVersion: 1, eventId: 'x-1', type: 'kill-switch.paused', occurredAt: NOW });
  t.is(deadLetters.length, 0);
  const trade = server.rows.get('fact_trades')?.[0];
  t.is(trade?.insertId, String(fill.eventId));
  t.like(trade?.json, {
    leg: 'entry',
    side: 'buy',
    qty: 0.25,
    fill_price: 62_040,
    planned_price: 62_000,
    slippage: 40,
    fees: 3.88,
    simulated: true,
  });
  t.like(server.rows.get('snapshot_accounts')?.[0].json, { equity: 100_250, as_of: '2024-03-02T00:00:00.000Z', positions: 0 });
  t.is(server.requests.filter((r) => r.path.endsWith('/insertAll')).length, 2, 'nothing for the unknown type');
});

test('the local DuckDB warehouse archives the same facts once, whatever the redelivery', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'archive-duckdb-'));
  const warehouse = createDuckDbWarehouse({ path: join(folder, 'analytics.duckdb'), idleMs: 5 });
  t.teardown(async () => {
    await warehouse.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const { deliver } = archiver(warehouse);
  const stopped = lifecycleEventOf(SPEC);
  for (const event of [stopped, createdEventOf(SPEC), stopped, stopped]) await deliver(event);
  const [counts] = await warehouse.query(
    'SELECT (SELECT COUNT(*) FROM fact_signals) AS facts, (SELECT COUNT(*) FROM fact_signal_events) AS events',
  );
  t.deepEqual(counts, { facts: 2, events: 2 });
  const [signal] = await warehouse.query('SELECT status FROM main.v_signals');
  t.is(signal.status, 'STOPPED');
});

test('appends that arrive together are written together: each lands once, duplicates in one group included', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'archive-duckdb-'));
  const warehouse = createDuckDbWarehouse({ path: join(folder, 'analytics.duckdb'), idleMs: 5 });
  t.teardown(async () => {
    await warehouse.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const events = [0, 1, 2, 3, 4].map((k) => lifecycleEventOf({ ...SPEC, bar: `2024-03-0${k + 2}T00:00:00.000Z` }));
  const created = createdEventOf(SPEC);
  // Not awaited one by one: the first is writing while the rest wait, then go in one transaction.
  const appends = [created, ...events, events[1], created].map((event) => warehouse.append(factsOf(event, NOW)));
  await Promise.all(appends);
  const [counts] = await warehouse.query(
    'SELECT (SELECT COUNT(*) FROM fact_signals) AS facts, (SELECT COUNT(DISTINCT event_id) FROM fact_signal_events) AS distinctEvents, (SELECT COUNT(*) FROM fact_signal_events) AS events',
  );
  t.deepEqual(counts, { facts: 6, distinctEvents: 6, events: 6 });
});
