import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SentinelError } from '../../shared/errors/errors.js';
import { freePort } from '../emulators/emulators.js';
import { spawnGroup } from './process-group.js';
import type { GroupProcess } from './process-group.js';
import type { FunctionName } from '../../functions/topology.js';
import { sleep } from '../../shared/runtime/sleep.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FRAMEWORK_MAIN = join(ROOT, 'node_modules/@google-cloud/functions-framework/build/src/main.js');
const SOURCE = join(ROOT, 'functions/index.ts');
// Absolute, so a server can run in any working directory (its own `.env`-free, outbox-holding folder).
const TSX = import.meta.resolve('tsx');
const READY_TIMEOUT_MS = 60_000;

/** One functions-framework server serving one function of functions/index.ts (a row of functions/topology.ts). */
export interface FunctionServer {
  readonly name: FunctionName;
  readonly url: string;
  readonly port: number;
  /** Every line the server wrote (stdout and stderr), oldest first. */
  readonly lines: string[];
  readonly process: GroupProcess;
}

/** How to serve the functions. */
export interface FunctionServerOptions {
  /** The environment of every server (on top of this process's PATH and HOME). */
  readonly env: Readonly<Record<string, string>>;
  /** The servers' working directory: where `.env` is read and the outbox sink writes `.sentinel/`. Default: the repository. */
  readonly cwd?: string;
  /** Extra variables for one function only (a fault point, say). */
  readonly envFor?: Partial<Record<FunctionName, Readonly<Record<string, string>>>>;
  /** Called with each line a server writes (e.g. to print it prefixed). */
  readonly onLine?: (name: FunctionName, line: string) => void;
}

/** A server did not answer in time, or exited before it did. */
export class FunctionServerError extends SentinelError {
  readonly code = 'STACK.FUNCTION_SERVER';
  constructor(
    readonly functionName: string,
    reason: string,
  ) {
    super(`functions-framework server for ${functionName} ${reason}`);
  }
}

function baseEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'NODE_OPTIONS'];
  return Object.fromEntries(keep.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])));
}

/** Whether something accepts TCP connections on the port (an HTTP probe would reach a push endpoint). */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}

async function waitUntilServing(server: FunctionServer): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  void server.process.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new FunctionServerError(server.name, `exited before serving:\n${server.lines.slice(-20).join('\n')}`);
    if (await listening(server.port)) return;
    await sleep(150);
  }
  throw new FunctionServerError(server.name, `did not answer within ${READY_TIMEOUT_MS / 1000} s`);
}

/**
 * Serves one function on its own free port: `node --import tsx functions-framework --target=<name>
 * --signature-type=http --source=functions/index.ts`, in its own process group. Resolves once it answers.
 */
export async function startFunctionServer(name: FunctionName, options: FunctionServerOptions): Promise<FunctionServer> {
  const port = await freePort();
  const args = [
    '--import',
    TSX,
    FRAMEWORK_MAIN,
    `--target=${name}`,
    '--signature-type=http',
    `--port=${port}`,
    `--source=${SOURCE}`,
  ];
  const env = { ...baseEnv(), K_SERVICE: name, ...options.env, ...options.envFor?.[name], PORT: String(port) };
  const group = spawnGroup(process.execPath, args, { cwd: options.cwd ?? ROOT, env });
  const server: FunctionServer = { name, url: `http://127.0.0.1:${port}`, port, lines: [], process: group };
  for (const stream of [group.child.stdout, group.child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      server.lines.push(line);
      options.onLine?.(name, line);
    });
  }
  try {
    await waitUntilServing(server);
  } catch (error) {
    await group.stop(0);
    throw error;
  }
  return server;
}

/** Serves every named function (in parallel); if one fails to start, the others are stopped too. */
export async function startFunctionServers(
  names: readonly FunctionName[],
  options: FunctionServerOptions,
): Promise<FunctionServer[]> {
  const results = await Promise.allSettled(names.map((name) => startFunctionServer(name, options)));
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(started.map((server) => server.process.stop(0)));
    throw failure.reason;
  }
  return started;
}
