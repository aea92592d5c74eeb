import { startEmulator } from './emulators.js';
import type { EmulatorKind, RunningEmulator } from './emulators.js';

// `tsx scripts/emulators/run.ts [pubsub] [firestore]`: starts the emulators, prints `export VAR=host` lines
// (for `eval` in a shell, or a file CI sources), and keeps them running until SIGINT/SIGTERM stops them all.
const kinds = (process.argv.length > 2 ? process.argv.slice(2) : ['pubsub', 'firestore']) as EmulatorKind[];
const running: RunningEmulator[] = [];
const stopAll = (code: number) => {
  for (const emulator of running) emulator.stop();
  process.exit(code);
};
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
try {
  for (const kind of kinds) running.push(await startEmulator(kind));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  stopAll(1);
}
for (const emulator of running) process.stdout.write(`export ${emulator.envVar}=${emulator.host}\n`);
process.stdout.write('# ready\n');
setInterval(() => undefined, 1 << 30);
