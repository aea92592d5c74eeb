import type { ChildProcess } from 'node:child_process';
import { z } from 'zod';
import { runStartProcess } from '../../scripts/replay/start-process.js';

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
export async function startCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  onSpawn?: (child: ChildProcess) => void,
): Promise<CliRun> {
  const { code, stdout, stderr, lastLine } = await runStartProcess(
    args,
    { ENVIRONMENT: 'dev', LOG_LEVEL: 'warn', ...env },
    onSpawn,
  );
  try {
    return { code, stdout, stderr, summary: SummarySchema.parse(JSON.parse(lastLine)) };
  } catch (error) {
    throw new Error(`no JSON summary (exit ${String(code)}): ${String(error)}\nstdout: ${stdout}\nstderr: ${stderr}`);
  }
}
