import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStartProcess } from '../replay/start-process.js';

/** What `npm start` took, end to end as a user runs it (Node's start-up and the report included), and what it found. */
export interface StartTime {
  readonly ms: number;
  readonly signals: number;
  readonly notifications: number;
}

/**
 * Runs `npm start -- --json --reset`'s command on a store in a temporary directory, so the user's `.sentinel/` is
 * never touched, and times it from spawn to exit.
 */
export async function runStartTime(): Promise<StartTime> {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-start-'));
  try {
    const run = await runStartProcess(['--json', '--reset'], { SQLITE_PATH: join(dir, 'sentinel.db'), LOG_LEVEL: 'warn' });
    try {
      if (run.code !== 0) throw new Error(`exit ${String(run.code)}`);
      const summary = JSON.parse(run.lastLine) as { newSignals: number; notifications: number };
      return { ms: run.ms, signals: summary.newSignals, notifications: summary.notifications };
    } catch (error) {
      throw new Error(`npm start gave no summary (${String(error)}): ${run.stderr.slice(-2000)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
