import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PubSub } from '@google-cloud/pubsub';
import { startEmulator, waitUntilClosed } from '../emulators/emulators.js';
import type { RunningEmulator } from '../emulators/emulators.js';
import { startFunctionServers } from './function-servers.js';
import type { FunctionServer, FunctionServerOptions } from './function-servers.js';
import { provisionTopology } from './topology.js';
import type { ProvisionedTopology } from './topology.js';
import { FUNCTION_NAMES } from '../../functions/topology.js';
import type { FunctionName, RetryBackoff } from '../../functions/topology.js';

/** What a stack is started with. */
export interface StackOptions {
  /** Reuse running emulators (`host:port`), e.g. the ones CI started; otherwise each is started on a free port. */
  readonly pubsubEmulatorHost?: string;
  readonly firestoreEmulatorHost?: string;
  /** The project id on the emulators; a unique one per run by default, so reruns never meet older topics or documents. */
  readonly project?: string;
  readonly maxDeliveryAttempts?: number;
  readonly backoff?: RetryBackoff;
  /** Variables for every function server on top of the stack's own (market data, Discord, log level…). */
  readonly env?: Readonly<Record<string, string>>;
  readonly envFor?: FunctionServerOptions['envFor'];
  /** The servers' working directory; a fresh temporary one by default (no `.env` of yours, its own `.sentinel/outbox.jsonl`). */
  readonly workDir?: string;
  readonly onLine?: FunctionServerOptions['onLine'];
}

/** The running stack: emulators, topology and one server per function. */
export interface Stack {
  readonly project: string;
  readonly pubsubEmulatorHost: string;
  readonly firestoreEmulatorHost: string;
  readonly topology: ProvisionedTopology;
  readonly servers: Readonly<Record<FunctionName, FunctionServer>>;
  /** A client on the stack's project (for publishing and observing); closed by `stop()`. */
  readonly pubsub: PubSub;
  /** The servers' working directory (the outbox sink writes `.sentinel/outbox.jsonl` there). */
  readonly workDir: string;
  /** Stops the servers, then the emulators this stack started (never ones it reused). */
  stop(): Promise<void>;
}

/** Pub/Sub's lower bound; the emulator's redelivery is quick with it, production's 10 s is slow for a local run. */
const LOCAL_BACKOFF: RetryBackoff = { minimumSeconds: 1, maximumSeconds: 10 };

/** A fresh project id (`sentinel-3fa9c21b`) for one run. */
export function uniqueProjectId(): string {
  return `sentinel-${randomUUID().slice(0, 8)}`;
}

/**
 * Starts the deployed topology locally: the Pub/Sub and Firestore emulators (or reuses given ones), the topics and
 * push subscriptions of functions/topology.ts, and one functions-framework server per function with the environment a
 * deployed function has (STORE=firestore, the emulators, DISABLE_SECRET_MANAGER=true). Stops what it started on failure.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  // Every client here talks to an emulator: no credentials, no metadata-server probe.
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const started: RunningEmulator[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'sentinel-stack-'));
  if (!options.workDir) cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    for (const emulator of started.splice(0)) {
      emulator.stop();
      await waitUntilClosed(emulator.host);
    }
  };
  try {
    const host = async (given: string | undefined, kind: 'pubsub' | 'firestore') => {
      if (given) return given;
      const emulator = await startEmulator(kind);
      started.push(emulator);
      return emulator.host;
    };
    const [pubsubEmulatorHost, firestoreEmulatorHost] = await Promise.all([
      host(options.pubsubEmulatorHost, 'pubsub'),
      host(options.firestoreEmulatorHost, 'firestore'),
    ]);
    const project = options.project ?? uniqueProjectId();
    const maxDeliveryAttempts = options.maxDeliveryAttempts ?? 5;
    const env: Record<string, string> = {
      ENVIRONMENT: 'dev',
      GOOGLE_CLOUD_PROJECT: project,
      PUBSUB_EMULATOR_HOST: pubsubEmulatorHost,
      FIRESTORE_EMULATOR_HOST: firestoreEmulatorHost,
      STORE: 'firestore',
      DISABLE_SECRET_MANAGER: 'true',
      METADATA_SERVER_DETECTION: 'none',
      DEAD_LETTER_MAX_ATTEMPTS: String(maxDeliveryAttempts),
      LOG_FORMAT: 'json',
      ...options.env,
    };
    const serverList = await startFunctionServers(FUNCTION_NAMES, {
      env,
      cwd: workDir,
      ...(options.envFor ? { envFor: options.envFor } : {}),
      ...(options.onLine ? { onLine: options.onLine } : {}),
    });
    for (const server of serverList) cleanups.push(() => server.process.stop());
    const servers = Object.fromEntries(serverList.map((server) => [server.name, server])) as Record<FunctionName, FunctionServer>;
    const pubsub = new PubSub({ projectId: project, apiEndpoint: pubsubEmulatorHost, emulatorMode: true });
    cleanups.push(() => pubsub.close());
    const endpoints = Object.fromEntries(serverList.map((server) => [server.name, server.url])) as Record<FunctionName, string>;
    const topology = await provisionTopology(pubsub, {
      environment: 'dev',
      endpoints,
      maxDeliveryAttempts,
      backoff: options.backoff ?? LOCAL_BACKOFF,
    });
    return { project, pubsubEmulatorHost, firestoreEmulatorHost, topology, servers, pubsub, workDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
