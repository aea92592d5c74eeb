import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { SentinelError } from '../../shared/errors/errors.js';

/** Another `sentinel run` holds the store. */
export class StoreLockedError extends SentinelError {
  readonly code = 'RUN.LOCKED';
}

/** The lock of one store, held until `release()`. */
export interface RunLock {
  readonly path: string;
  release(): void;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

/** The lock file of a store: `<store>.lock` beside the SQLite file. */
export function lockPathFor(storePath: string): string {
  return `${storePath}.lock`;
}

/**
 * Takes the store's lock file (created exclusively, holding pid, host and start time). A lock whose process is
 * gone (same host, no such pid: a crash or `kill -9`) is taken over; a live holder, or one on another host, is a
 * `StoreLockedError` saying who holds it.
 */
export function acquireRunLock(storePath: string, now: Date = new Date()): RunLock {
  const path = lockPathFor(storePath);
  const mine: Holder = { pid: process.pid, host: hostname(), startedAt: now.toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${JSON.stringify(mine)}\n`);
      closeSync(fd);
      return { path, release: () => releaseIfMine(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    // Our own pid in the file is a previous life of this process id (a container restarted as pid 1): stale.
    if (holder !== undefined && (holder.host !== mine.host || (holder.pid !== mine.pid && isAlive(holder.pid)))) {
      const where = holder.host === mine.host ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
      throw new StoreLockedError(
        `another sentinel run (${where}, started ${holder.startedAt}) is using ${storePath}; stop it first ` +
          `(or point SQLITE_PATH at another file). If that process is gone, delete ${path}.`,
      );
    }
    // A crashed run's lock, or a file that is not a lock: take it over.
    unlinkSync(path);
  }
  throw new StoreLockedError(`could not take the lock ${path}: another sentinel run is starting on ${storePath}`);
}

function readHolder(path: string): Holder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string')
      return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt) };
  } catch {
    // Unreadable: treated as stale.
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfMine(path: string): void {
  const holder = readHolder(path);
  if (holder?.pid === process.pid && holder.host === hostname()) unlinkSync(path);
}
