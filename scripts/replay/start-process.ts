import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How one `npm start` process ended: its exit code, its output, and its time from spawn to exit. */
export interface StartProcessRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** The last line of stdout: the JSON summary with `--json`. */
  readonly lastLine: string;
}

/**
 * Runs `npm start`'s command (`node --import tsx scripts/start.ts ...args`) from the repository root with `env` over
 * this process's environment. `onSpawn` gets the child (to signal it).
 */
export function runStartProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  onSpawn?: (child: ChildProcess) => void,
): Promise<StartProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import=tsx', 'scripts/start.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      resolve({ code, stdout, stderr, ms, lastLine: stdout.trimEnd().split('\n').at(-1) ?? '' });
    });
    onSpawn?.(child);
  });
}
