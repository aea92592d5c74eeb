import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireRunLock, lockPathFor, StoreLockedError } from '../../../scripts/run/run-lock.js';

const store = () => join(mkdtempSync(join(tmpdir(), 'sentinel-lock-')), 's.db');

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('a lock held by a live process is refused naming it; ours is released on release()', (t) => {
  const path = store();
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  t.teardown(() => holder.kill());
  writeFileSync(lockPathFor(path), JSON.stringify({ pid: holder.pid, host: hostname(), startedAt: '2024-03-05T00:00:00.000Z' }));
  const refused = t.throws(() => acquireRunLock(path), { instanceOf: StoreLockedError });
  t.regex(
    refused.message,
    new RegExp(`another sentinel run \\(pid ${holder.pid}, started 2024-03-05T00:00:00.000Z\\) is using ${path}; stop it first`),
  );
  t.regex(refused.message, new RegExp(`If that process is gone, delete ${lockPathFor(path)}`));

  rmSync(lockPathFor(path));
  const lock = acquireRunLock(path);
  t.like(JSON.parse(readFileSync(lockPathFor(path), 'utf8')), { pid: process.pid, host: hostname() });
  lock.release();
  t.false(existsSync(lockPathFor(path)));
});

test('our own pid in the lock is a previous life of this process id (a restarted container): taken over', (t) => {
  const path = store();
  writeFileSync(lockPathFor(path), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2024-01-01T00:00:00.000Z' }));
  acquireRunLock(path).release();
  t.false(existsSync(lockPathFor(path)));
});

test('the lock of a process that is gone (a crash) is taken over', (t) => {
  const path = store();
  writeFileSync(lockPathFor(path), JSON.stringify({ pid: deadPid(), host: hostname(), startedAt: '2024-01-01T00:00:00.000Z' }));
  const lock = acquireRunLock(path);
  t.is(JSON.parse(readFileSync(lockPathFor(path), 'utf8')).pid, process.pid);
  lock.release();
});

test('a lock held on another host is not taken over (its process cannot be checked from here)', (t) => {
  const path = store();
  writeFileSync(
    lockPathFor(path),
    JSON.stringify({ pid: deadPid(), host: 'some-other-host', startedAt: '2024-01-01T00:00:00.000Z' }),
  );
  t.throws(() => acquireRunLock(path), { instanceOf: StoreLockedError, message: /on some-other-host/ });
});

test('release leaves a lock that is not ours alone', (t) => {
  const path = store();
  const lock = acquireRunLock(path);
  const other = JSON.stringify({ pid: process.pid + 1, host: hostname(), startedAt: 'x' });
  writeFileSync(lockPathFor(path), other);
  lock.release();
  t.is(readFileSync(lockPathFor(path), 'utf8'), other);
});
