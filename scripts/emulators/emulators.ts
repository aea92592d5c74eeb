import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { sleep } from '../../shared/runtime/sleep.js';

/** The two Google Cloud emulators the project runs against. */
export type EmulatorKind = 'pubsub' | 'firestore';

/** A running emulator: its `host:port` and how to stop its whole process group. */
export interface RunningEmulator {
  readonly kind: EmulatorKind;
  readonly host: string;
  readonly envVar: 'PUBSUB_EMULATOR_HOST' | 'FIRESTORE_EMULATOR_HOST';
  stop(): void;
}

const READY_TIMEOUT_MS = 60_000;

/** The gcloud SDK root, where the emulators' own launch scripts live. */
function sdkRoot(): string {
  for (const candidate of ['/usr/lib/google-cloud-sdk', '/usr/share/google-cloud-sdk']) {
    if (existsSync(join(candidate, 'platform'))) return candidate;
  }
  return execFileSync('gcloud', ['info', '--format=value(installation.sdk_root)'], { encoding: 'utf8' }).trim();
}

/** A TCP port nothing listens on right now, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function command(kind: EmulatorKind, port: number): [string, string[]] {
  const root = sdkRoot();
  return kind === 'pubsub'
    ? [join(root, 'platform/pubsub-emulator/bin/cloud-pubsub-emulator'), ['--host=127.0.0.1', `--port=${port}`]]
    : [
        join(root, 'platform/cloud-firestore-emulator/cloud_firestore_emulator'),
        ['start', '--host=127.0.0.1', `--port=${port}`, '--database-mode=firestore-native'],
      ];
}

async function waitUntilReady(host: string, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const failure = exited();
    if (failure) throw new Error(failure);
    const ready = await fetch(`http://${host}/`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await sleep(200);
  }
  throw new Error(`emulator at ${host} not ready after ${READY_TIMEOUT_MS / 1000} s`);
}

/**
 * Starts an emulator on its own free port, in its own process group (the launch scripts fork Java; killing
 * only the script would leave Java running), and resolves once it answers `Ok`.
 */
export async function startEmulator(kind: EmulatorKind, port?: number): Promise<RunningEmulator> {
  const chosen = port ?? (await freePort());
  const [file, args] = command(kind, chosen);
  const child = spawn(file, args, { detached: true, stdio: 'ignore' });
  let exitMessage: string | null = null;
  child.once('exit', (code) => (exitMessage = `${kind} emulator exited with code ${code} before it was ready`));
  child.once('error', (error) => (exitMessage = `${kind} emulator could not start: ${error.message}`));
  const host = `127.0.0.1:${chosen}`;
  const stop = () => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  try {
    await waitUntilReady(host, () => exitMessage);
  } catch (error) {
    stop();
    throw error;
  }
  child.unref();
  return { kind, host, envVar: kind === 'pubsub' ? 'PUBSUB_EMULATOR_HOST' : 'FIRESTORE_EMULATOR_HOST', stop };
}

/** Resolves once nothing accepts connections at `host` any more (a killed JVM releases its port a moment later). */
export async function waitUntilClosed(host: string, timeoutMs = 10_000): Promise<void> {
  const [hostname, port] = [host.slice(0, host.lastIndexOf(':')), Number(host.slice(host.lastIndexOf(':') + 1))];
  const accepts = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect({ host: hostname, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  const deadline = Date.now() + timeoutMs;
  while ((await accepts()) && Date.now() < deadline) await sleep(100);
}
