import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { CliIo } from '../../../scripts/cli/io.js';
import { backup, restore } from '../../../scripts/cli/backup.js';
import { resetConfigForTests } from '../../../shared/config/index.js';
import { parseBackup } from '../../../shared/store/backup/backup-format.js';
import { exportFirestoreStore, importFirestoreStore } from '../../../shared/store/backup/firestore-backup.js';
import { openFirestoreStore } from '../../../shared/store/firestore-store.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import type { StateStore } from '../../../shared/store/store.port.js';
import { nowAfter } from '../../functions/persist-state/signal-factory.js';
import { useFirestoreEmulator } from '../../helpers/firestore-emulator.js';
import { makeRejectedEvent } from '../messages/message-factory.js';
import { createdEvent, deadLetter, signalOn } from '../../contract/store-fixtures.js';

const emulator = useFirestoreEmulator();

/** Something of every kind the store keeps. */
async function fill(store: StateStore): Promise<void> {
  const open = signalOn('BTC/USD');
  const ended = signalOn('ETH/USD', 'MORNING_STAR', 2, { status: 'STOPPED' });
  await store.createSignalIfAbsent(open, [createdEvent(open)]);
  await store.createSignalIfAbsent(ended, [createdEvent(ended)]);
  await store.markPublished([createdEvent(ended).eventId], nowAfter(1));
  const rejected = makeRejectedEvent();
  await store.recordRejectedIfAbsent(rejected.rejected, rejected);
  await store.claimDelivery(createdEvent(ended).eventId, 'discord', nowAfter(2), 30_000);
  await store.completeDelivery(createdEvent(ended).eventId, 'discord', { messageId: '1234567890' }, nowAfter(2));
  await store.recordDeadLetter(deadLetter('dl-1', nowAfter(3)));
  await store.putBarLedger('BTC/USD', '4Hour', [], nowAfter(4));
}

/** What a reader of the store sees. */
async function view(store: StateStore) {
  return {
    signals: await store.listSignals(),
    pending: (await store.pendingOutbox(50)).map((entry) => entry.event.eventId),
    letters: await store.listDeadLetters(50),
    ledger: await store.getBarLedger('BTC/USD', '4Hour'),
    delivery: await store.getDelivery(
      createdEvent(signalOn('ETH/USD', 'MORNING_STAR', 2, { status: 'STOPPED' })).eventId,
      'discord',
    ),
  };
}

test('restore drill on the emulator: a Firestore backup restored into a new location reads back the same, documents and TTL fields included', async (t) => {
  const { firestore } = await emulator();
  const run = randomUUID().slice(0, 6);
  const from = { firestore, environment: 'prod' as const, prefix: `b${run}_` };
  const to = { firestore, environment: 'prod' as const, prefix: `c${run}_` };
  const source = openFirestoreStore(from);
  await fill(source);

  const data = parseBackup(JSON.stringify(await exportFirestoreStore(from, new Date())), 'the backup');
  t.is(data.store, 'firestore');
  t.true(
    Object.values(data.collections).every((rows) => rows.length > 0),
    'every collection has documents',
  );
  t.is(
    await importFirestoreStore(to, data),
    Object.values(data.collections).reduce((n, rows) => n + rows.length, 0),
  );

  const restored = openFirestoreStore(to);
  t.deepEqual(await view(restored), await view(source));
  const raw = async (prefix: string, name: string) =>
    (await firestore.collection(`live_${prefix}${name}`).get()).docs.map((doc) => [doc.id, doc.data()]).sort();
  for (const name of ['signals', 'rejected', 'outbox', 'deliveries', 'dead_letters', 'bar_ledger']) {
    t.deepEqual(await raw(to.prefix, name), await raw(from.prefix, name), `${name}: same documents, Timestamps included`);
  }
});

test.serial('sentinel backup and restore round-trip a SQLite store', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-backup-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const saved = { ...process.env };
  t.teardown(() => {
    process.env = saved;
    resetConfigForTests();
  });
  const out: string[] = [];
  const io = { out: { write: (s: string) => out.push(s) }, err: { write: () => true }, stdin: process.stdin } as unknown as CliIo;

  const original = join(dir, 'a', 'sentinel.db');
  const first = openSqliteStore({ path: original, environment: 'dev' });
  await fill(first);
  const before = await view(first);
  await first.close();

  Object.assign(process.env, { SQLITE_PATH: original, STORE: 'sqlite', ENVIRONMENT: 'dev' });
  resetConfigForTests();
  const file = join(dir, 'backup.json');
  t.is(await backup(['--out', file], io), 0);
  t.regex(out.join(''), /backed up \d+ rows of SQLite/);

  const copy = join(dir, 'b', 'sentinel.db');
  process.env.SQLITE_PATH = copy;
  resetConfigForTests();
  t.is(await restore([file], io), 0);
  const second = openSqliteStore({ path: copy, environment: 'dev' });
  t.teardown(() => second.close());
  t.deepEqual(await view(second), before);

  process.env.ENVIRONMENT = 'prod';
  process.env.GOOGLE_CLOUD_PROJECT = 'sentinel-restore';
  resetConfigForTests();
  await t.throwsAsync(restore([file], io), { message: /holds ENVIRONMENT=dev; this is prod/ });
});
