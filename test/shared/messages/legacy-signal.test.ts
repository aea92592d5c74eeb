import test from 'ava';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { advanceSignal } from '../../../functions/persist-state/lifecycle.js';
import { RULES_VERSION } from '../../../shared/domain/signal.js';
import type { Signal } from '../../../shared/domain/signal.js';
import { SignalEventSchema } from '../../../shared/messages/events.js';
import { SignalSchema } from '../../../shared/messages/signal.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import { makeBar, makeSignal, nowAfter } from '../../functions/persist-state/signal-factory.js';
import { makeTp1Event } from './message-factory.js';

const V2_ONLY = ['rulesVersion', 'barsHeld', 'validityBars', 'tp1Reached', 'realizedRNet', 'costs'] as const;

/** A signal document as rules version 1 wrote it: none of the version-2 fields, an old exit reason. */
function legacyDoc(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const doc: Record<string, unknown> = { ...JSON.parse(JSON.stringify(makeSignal())) };
  for (const key of V2_ONLY) delete doc[key];
  return { ...doc, ...overrides };
}

const legacyExits: [string, Record<string, unknown>, string][] = [
  ['TP_HIT', { status: 'TP3_HIT', currentStop: 62_000 }, 'TP3'],
  ['STOP_LOSS at the initial stop', { status: 'STOPPED' }, 'STOP'],
  ['STOP_LOSS at breakeven', { status: 'STOPPED', currentStop: 62_000 }, 'BREAKEVEN_STOP'],
  ['STOP_LOSS at TP1', { status: 'STOPPED', currentStop: 63_500 }, 'TRAIL_STOP'],
  ['STRUCTURAL_INVALIDATION', { status: 'INVALIDATED' }, 'INVALIDATED'],
  ['COLOR_FLIP', { status: 'INVALIDATED' }, 'INVALIDATED'],
  ['EXPIRED', { status: 'EXPIRED' }, 'EXPIRED'],
];

for (const [title, state, expected] of legacyExits) {
  test(`a stored rules-version-1 signal exited ${title} decodes as ${expected} (read old, write new)`, (t) => {
    const reason = title.split(' ')[0];
    const decoded = SignalSchema.parse(
      legacyDoc({ ...state, exitReason: reason, exitPrice: 61_000, exitTime: nowAfter(3), openFraction: 0 }),
    );
    t.is(decoded.exitReason as string | null, expected);
    t.is(decoded.rulesVersion, 1);
    t.is(decoded.realizedRNet, decoded.realizedR, 'its costs were never recorded');
    t.deepEqual(JSON.parse(JSON.stringify(decoded)).exitReason, expected, 'written back with the new reason');
  });
}

test('an open rules-version-1 signal gets its bars, validity and TP1 from what it stored, and continues under the new rules', (t) => {
  const decoded: Signal = SignalSchema.parse(
    legacyDoc({
      status: 'TP1_HIT',
      currentStop: 62_000,
      openFraction: 0.5,
      realizedR: 0.5,
      lastBarTimestamp: makeBar(2).timestamp,
    }),
  );
  t.like(decoded, { rulesVersion: 1, barsHeld: 2, validityBars: 12, tp1Reached: true, realizedRNet: 0.5 });
  const next = advanceSignal(decoded, makeBar(3, { open: 62_500, high: 62_700, low: 61_900, close: 62_100 }), nowAfter(3)).signal;
  t.like(next, { rulesVersion: RULES_VERSION, status: 'STOPPED', exitReason: 'BREAKEVEN_STOP', barsHeld: 3 });
});

test('an event in flight with an old exit reason and the old trail fields still decodes', (t) => {
  const event = {
    ...JSON.parse(JSON.stringify(makeTp1Event())),
    type: 'signal.trailed',
    previousTp3: 66_500,
    newTp3: 66_900,
    signal: legacyDoc({ status: 'TP1_HIT', currentStop: 62_000, openFraction: 0.5, realizedR: 0.5 }),
  };
  const decoded = SignalEventSchema.parse(event);
  t.like(decoded, { previousTp3: 66_500, newTp3: 66_900 });
  const stopped = SignalEventSchema.parse({
    ...event,
    type: 'signal.stopped',
    status: 'STOPPED',
    exitReason: 'STOP_LOSS',
    signal: legacyDoc({ status: 'STOPPED', exitReason: 'STOP_LOSS', exitPrice: 60_500, exitTime: nowAfter(2), openFraction: 0 }),
  });
  t.is(stopped.type === 'signal.stopped' ? stopped.exitReason : undefined, 'STOP');
});

test('the SQLite store reads a signal row written by rules version 1', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-legacy-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'store.db');
  const store = openSqliteStore({ path, environment: 'dev' });
  const signal = makeSignal();
  await store.createSignalIfAbsent(signal, []);
  await store.close();
  const db = new Database(path);
  db.prepare('UPDATE test_signals SET doc = ? WHERE signal_id = ?').run(
    JSON.stringify(
      legacyDoc({
        status: 'STOPPED',
        exitReason: 'STOP_LOSS',
        exitPrice: 60_500,
        exitTime: nowAfter(1),
        openFraction: 0,
        realizedR: -1,
      }),
    ),
    signal.signalId,
  );
  db.close();
  const reopened = openSqliteStore({ path, environment: 'dev' });
  t.teardown(() => reopened.close());
  t.like(await reopened.getSignal(signal.signalId), { exitReason: 'STOP', rulesVersion: 1, realizedRNet: -1 });
  t.is((await reopened.listSignals()).length, 1);
});
