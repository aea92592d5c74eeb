import { archive } from './cli/archive.js';
import { backup, restore } from './cli/backup.js';
import { deadLetters } from './cli/dead-letters.js';
import { exitCodeFor } from './cli/exit.js';
import { explain } from './cli/explain.js';
import type { CliIo, Command } from './cli/io.js';
import { pause, resume } from './cli/pause.js';
import { publish } from './cli/publish.js';
import { report } from './cli/report.js';
import { secrets } from './cli/secrets.js';
import { run } from './cli/run.js';
import { stack } from './cli/stack.js';
import { status } from './cli/status.js';
import { ordersCommand, positionsCommand, reconcileCommand } from './cli/trading.js';
import { COMMAND_NAMES, USAGE } from './cli/usage.js';
import { UsageError } from './replay/cli-options.js';

const COMMANDS: Readonly<Record<string, Command>> = {
  publish,
  run,
  status,
  'dead-letters': deadLetters,
  explain,
  stack,
  reconcile: reconcileCommand,
  positions: positionsCommand,
  orders: ordersCommand,
  report,
  archive,
  secrets,
  backup,
  restore,
  pause,
  resume,
};
const HELP = new Set(['help', '--help', '-h']);

/** `--help` or `-h` among a command's options (before any `--`): every command answers with the usage. */
function helpAsked(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** `npm run sentinel -- <command> …`: picks the command; each lives in scripts/cli/. */
async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || HELP.has(name)) {
    io.out.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) throw new UsageError(`unknown command "${name}" (commands: ${COMMAND_NAMES.join(', ')})`);
    if (helpAsked(rest)) {
      io.out.write(`${USAGE}\n`);
      return 0;
    }
    return await command(rest, io);
  } catch (error) {
    return exitCodeFor(error, io.err);
  }
}

process.exitCode = await main(process.argv.slice(2), { out: process.stdout, err: process.stderr, stdin: process.stdin });
