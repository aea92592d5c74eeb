import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { InvalidArgumentError } from '../../../shared/errors/errors.js';
import { SQLITE_SCHEMA_VERSION } from '../../../shared/store/sqlite-schema.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import { createdEvent, signalOn } from '../../contract/store-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'sentinel-sqlite-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `run-${files++}`, '.sentinel', 'sentinel.db');

const NameRow = z.object({ name: z.string() });
const VersionRow = z.object({ version: z.number() });

test('creates the folder of the database file and journals in WAL mode', async (t) => {
  const path = freshPath();
  const store = openSqliteStore({ path, environment: 'dev' });
  await store.close();
  t.true(existsSync(path));
  const db = new Database(path, { readonly: true });
  t.teardown(() => db.close());
  t.is(db.pragma('journal_mode', { simple: true }), 'wal');
});

test('prefixes tables live_ for prod and test_ for dev, each with its schema version', async (t) => {
  const path = freshPath();
  const prod = openSqliteStore({ path, environment: 'prod' });
  const dev = openSqliteStore({ path, environment: 'dev' });
  const signal = signalOn();
  await prod.createSignalIfAbsent(signal, [createdEvent(signal)]);
  t.deepEqual(await prod.getSignal(signal.signalId), signal);
  t.is(await dev.getSignal(signal.signalId), null, 'a dev run never sees live signals');
  await Promise.all([prod.close(), dev.close()]);
  const db = new Database(path, { readonly: true });
  t.teardown(() => db.close());
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
  t.deepEqual(
    names.map((row) => NameRow.parse(row).name),
    ['bar_ledger', 'dead_letters', 'deliveries', 'outbox', 'rejected', 'schema_version', 'signals']
      .flatMap((table) => [`live_${table}`, `test_${table}`])
      .sort(),
  );
  t.is(VersionRow.parse(db.prepare('SELECT version FROM live_schema_version').get()).version, SQLITE_SCHEMA_VERSION);
});

test('keeps signals and pending events across a close and reopen', async (t) => {
  const path = freshPath();
  const signal = signalOn();
  const first = openSqliteStore({ path, environment: 'dev' });
  await first.createSignalIfAbsent(signal, [createdEvent(signal)]);
  await first.close();
  const second = openSqliteStore({ path, environment: 'dev' });
  t.teardown(() => second.close());
  t.deepEqual(await second.getSignal(signal.signalId), signal);
  t.is((await second.pendingOutbox(10)).length, 1);
});

test('two connections to one file create a signal exactly once', async (t) => {
  const path = freshPath();
  const stores = [openSqliteStore({ path, environment: 'dev' }), openSqliteStore({ path, environment: 'dev' })];
  t.teardown(() => Promise.all(stores.map((store) => store.close())));
  const signal = signalOn();
  const results = await Promise.all(
    stores.flatMap((store) => [1, 2, 3].map(() => store.createSignalIfAbsent(signal, [createdEvent(signal)]))),
  );
  t.is(results.filter((result) => result === 'created').length, 1);
  t.is((await stores[1].pendingOutbox(10)).length, 1);
});

test('expires a terminal signal the TTL it is given after its wall-clock write; an open one never', async (t) => {
  const wallClock = Date.parse('2026-11-30T08:00:00Z');
  const store = openSqliteStore({
    path: ':memory:',
    environment: 'dev',
    ttl: { signalsMs: 3_600_000, wallClockMs: () => wallClock },
  });
  t.teardown(() => store.close());
  const ended = signalOn('BTC/USD', 'BULLISH_ENGULFING', 0, { status: 'EXPIRED' });
  await store.createSignalIfAbsent(ended, []);
  await store.createSignalIfAbsent(signalOn('ETH/USD'), []);
  t.is(await store.deleteExpired(new Date(wallClock).toISOString()), 0);
  t.is(await store.deleteExpired(new Date(wallClock + 3_600_000).toISOString()), 1, 'an hour after it was written');
  t.is(await store.deleteExpired('2999-01-01T00:00:00Z'), 0, 'the open signal stays');
});

test('refuses a database written by a newer schema version', async (t) => {
  const path = freshPath();
  await openSqliteStore({ path, environment: 'dev' }).close();
  const db = new Database(path);
  db.prepare('UPDATE test_schema_version SET version = ?').run(SQLITE_SCHEMA_VERSION + 1);
  db.close();
  const error = t.throws(() => openSqliteStore({ path, environment: 'dev' }), { instanceOf: InvalidArgumentError });
  t.true(error.message.endsWith(`has schema version ${SQLITE_SCHEMA_VERSION + 1}, newer than ${SQLITE_SCHEMA_VERSION}`));
});

test('refuses a time that is not an ISO-8601 UTC instant', async (t) => {
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(() => store.close());
  await t.throwsAsync(store.claimDelivery('e', 'discord', '2024-03-04 12:00', 1_000), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(store.deleteExpired('yesterday'), { instanceOf: InvalidArgumentError });
});
