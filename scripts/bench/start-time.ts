import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What `npm start` took, end to end as a user runs it (Node's start-up and the report included), and what it found. */
export interface StartTime {
  readonly ms: number;
  readonly signals: number;
  readonly notifications: number;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs `npm start -- --json --reset`'s command (`node --import tsx scripts/start.ts`) on a store in a temporary
 * directory, so the user's `.sentinel/` is never touched, and times it from spawn to exit.
 */
export function runStartTime(): Promise<StartTime> {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-start-'));
  const started = performance.now();
  return new Promise<StartTime>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--json', '--reset'], {
      cwd: ROOT,
      env: { ...process.env, SQLITE_PATH: join(dir, 'sentinel.db'), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const last = stdout.trimEnd().split('\n').at(-1) ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${String(code)}`);
        const summary = JSON.parse(last) as { newSignals: number; notifications: number };
        resolve({ ms, signals: summary.newSignals, notifications: summary.notifications });
      } catch (error) {
        reject(new Error(`npm start gave no summary (${String(error)}): ${stderr.slice(-2000)}`));
      }
    });
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}
