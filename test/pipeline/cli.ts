import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The fields of `npm start -- --json` these tests read. */
const SummarySchema = z.object({
  bars: z.number(),
  signals: z.number(),
  newSignals: z.number(),
  notifications: z.number(),
  deadLetters: z.number(),
  events: z.record(z.string(), z.number()),
  interrupted: z.boolean(),
});

export type CliSummary = z.output<typeof SummarySchema>;

/** How one `npm start` process ended. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly summary: CliSummary;
}

/**
 * Runs `node --import=tsx scripts/start.ts ...args` from the repository root with `ENVIRONMENT=dev`, `LOG_LEVEL=warn` and `env`,
 * and parses the JSON summary on the last line of stdout. `onSpawn` gets the child (to signal it).
 */
export function startCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  onSpawn?: (child: ChildProcess) => void,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import=tsx', 'scripts/start.ts', ...args], {
      cwd: root,
      env: { ...process.env, ENVIRONMENT: 'dev', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trimEnd().split('\n').at(-1) ?? '';
      try {
        resolve({ code, stdout, stderr, summary: SummarySchema.parse(JSON.parse(last)) });
      } catch (error) {
        reject(new Error(`no JSON summary (exit ${String(code)}): ${String(error)}\nstdout: ${stdout}\nstderr: ${stderr}`));
      }
    });
    onSpawn?.(child);
  });
}
