import { spawn } from 'node:child_process';
import { startEmulator } from '../emulators/emulators.js';
import type { RunningEmulator } from '../emulators/emulators.js';

// `tsx scripts/stack/with-emulators.ts <command> [args…]`: runs the command with PUBSUB_EMULATOR_HOST and
// FIRESTORE_EMULATOR_HOST set: the ones already in the environment (CI starts them), else emulators started here on
// free ports and stopped (process groups) when the command ends, fails or this process is interrupted.
const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  process.stderr.write('usage: tsx scripts/stack/with-emulators.ts <command> [args…]\n');
  process.exit(2);
}
const started: RunningEmulator[] = [];
const stopAll = () => {
  for (const emulator of started.splice(0)) emulator.stop();
};
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const env: NodeJS.ProcessEnv = { ...process.env, METADATA_SERVER_DETECTION: process.env.METADATA_SERVER_DETECTION ?? 'none' };
try {
  const needed = (['pubsub', 'firestore'] as const).filter(
    (kind) => !env[kind === 'pubsub' ? 'PUBSUB_EMULATOR_HOST' : 'FIRESTORE_EMULATOR_HOST'],
  );
  const results = await Promise.allSettled(needed.map((kind) => startEmulator(kind)));
  for (const result of results) {
    if (result.status === 'rejected') continue;
    started.push(result.value);
    env[result.value.envVar] = result.value.host;
  }
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const child = spawn(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
