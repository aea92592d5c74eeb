import test from 'ava';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { outboxPathFor } from '../../scripts/pipeline/local-runtime.js';
import { isOpenStatus } from '../../shared/domain/signal.js';
import { openSqliteStore } from '../../shared/store/sqlite-store.js';
import { startCli } from './cli.js';
import { eventIdOf, storedSignals, tempDir } from './harness.js';

const SYMBOLS = ['BTC/USD', 'ETH/USD'];
const ARGS = ['--json', '--symbols', SYMBOLS.join(','), '--from', '2018-01-01'];

const dir = tempDir();
test.after.always(() => dir.remove());

/** The complete lines of the outbox file beside a store (a line being appended is left out). */
function outboxLines(storePath: string): string[] {
  const path = outboxPathFor(storePath);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').slice(0, -1);
}

/** Event ids of the notifications sent into the outbox file beside a store, in the order they were sent. */
const sentEventIds = (storePath: string): string[] => outboxLines(storePath).map(eventIdOf);

/**
 * Sends SIGTERM once the run has visibly made progress (notifications in its outbox file, so its signal handler is
 * installed), or after a generous guard time: stderr progress is only drawn on a TTY. Whether the signal arrives in time does not decide the outcome.
 */
async function terminateMidway(child: ChildProcess, storePath: string): Promise<void> {
  const started = Date.now();
  while (child.exitCode === null && outboxLines(storePath).length < 20 && Date.now() - started < 90_000) await sleep(25);
  child.kill('SIGTERM');
}

async function readSignals(path: string) {
  const store = openSqliteStore({ path, environment: 'dev' });
  try {
    return await storedSignals(store, SYMBOLS);
  } finally {
    await store.close();
  }
}

test('SIGTERM stops npm start between moments with code 130; running again finishes exactly like an uninterrupted run', async (t) => {
  t.timeout(240_000, 'three CLI runs; slow when the machine is busy');
  const cleanPath = `${dir.path}/clean/s.db`;
  const resumedPath = `${dir.path}/resumed/s.db`;
  const cleanRun = startCli(ARGS, { SQLITE_PATH: cleanPath });

  const interrupted = await startCli(ARGS, { SQLITE_PATH: resumedPath }, (child) => {
    terminateMidway(child, resumedPath).catch((error: unknown) => t.fail(String(error)));
  });
  if (interrupted.summary.interrupted) {
    t.is(interrupted.code, 130);
    t.regex(interrupted.stderr, /stopping after the bar in flight/);
  } else {
    t.is(interrupted.code, 0);
    t.log('the run finished before SIGTERM arrived; only the store comparison below is meaningful');
  }

  const partial = await readSignals(resumedPath);
  t.true(partial.length > 0, 'the interrupted run stored signals');
  for (const signal of partial) {
    const exit = [signal.exitTime, signal.exitPrice, signal.exitReason];
    if (isOpenStatus(signal.status)) t.deepEqual(exit, [null, null, null], `open ${signal.signalId} has no exit`);
    else
      t.true(
        exit.every((value) => value !== null),
        `ended ${signal.signalId} has its exit time, price and reason`,
      );
  }

  const resumed = await startCli(ARGS, { SQLITE_PATH: resumedPath });
  t.is(resumed.code, 0, resumed.stderr);
  t.false(resumed.summary.interrupted);
  const clean = await cleanRun;
  t.is(clean.code, 0, clean.stderr);
  t.true(clean.summary.newSignals > 10, 'the range holds signals');

  t.deepEqual(await readSignals(resumedPath), await readSignals(cleanPath), 'same signals as the uninterrupted run');
  t.log(
    `interrupted: ${String(interrupted.summary.interrupted)} after ${interrupted.summary.bars} of ${clean.summary.bars} bars`,
  );
  t.is(interrupted.summary.newSignals + resumed.summary.newSignals, clean.summary.newSignals, 'each signal created once');
  const sent = sentEventIds(resumedPath);
  t.is(new Set(sent).size, sent.length, 'no notification sent twice across the two runs');
  t.deepEqual([...sent].sort(), sentEventIds(cleanPath).sort(), 'the same notifications as the uninterrupted run');
  t.is(resumed.summary.deadLetters + interrupted.summary.deadLetters + clean.summary.deadLetters, 0);
});
