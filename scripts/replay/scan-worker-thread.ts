import { parentPort } from 'node:worker_threads';
import { loadConfig } from '../../shared/config/index.js';
import { sqlitePauseFlag } from '../../shared/control/sqlite-pause-flag.js';
import type { SubscriptionTiming } from '../../shared/bus/in-process-bus.js';
import type { Timeframe } from '../../shared/domain/bar.js';
import { configureLogging, createLogger } from '../../shared/log/logger.js';
import { registerSecret } from '../../shared/log/secret-registry.js';
import type { LogFormat, LogLevel } from '../../shared/log/logger.js';
import { Secrets } from '../../shared/secrets/index.js';
import { openSqliteStore } from '../../shared/store/sqlite-store.js';
import { FUNCTIONS } from '../../functions/topology.js';
import { createLocalPipeline } from '../pipeline/local-pipeline.js';
import { localMarketData, withBundledMarketData } from '../pipeline/local-market-data.js';
import { replayScanRequest } from './pipeline-replay.js';

/** What the main thread gives the scan worker. */
export interface ScanWorkerData {
  readonly storePath: string;
  readonly timeframe: Timeframe;
  readonly steps: readonly { readonly asOf: string; readonly symbols: string[] }[];
  /** Moments it may run ahead of the main thread. */
  readonly lookahead: number;
  readonly logging: { readonly level: LogLevel; readonly format?: LogFormat };
  /** The secret values the main thread has registered, masked in this thread's logs too. */
  readonly redacted: readonly string[];
}

/**
 * Main → worker: what to replay (once: the thread is started ahead, and loads its modules meanwhile), then the
 * moments consumed so far. Worker → main: one moment's messages, or why it stopped.
 */
export type ToScanWorker = { readonly start: ScanWorkerData } | { readonly consumed: number };
export type FromScanWorker =
  | { readonly loaded: true }
  | { readonly index: number; readonly messages: readonly WireMessage[]; readonly timings?: SubscriptionTimings }
  | { readonly failed: string };

/** The thread's bus stats by subscription, sent with the last moment. */
export type SubscriptionTimings = readonly (readonly [string, Readonly<SubscriptionTiming>])[];

/** A message as it crosses to the main thread: its topic, bytes, attributes and ordering key. */
export interface WireMessage {
  readonly topic: string;
  readonly data: Uint8Array;
  readonly attributes: Readonly<Record<string, string>>;
  readonly orderingKey?: string;
}

/** The rows this thread runs: the scan and the analysis, which read nothing any later row writes. */
export const SCAN_ROWS = ['fetchMarketData', 'generateSignals'] as const;

const port = parentPort;
if (port === null) throw new Error('scan worker: not in a worker thread');

const rows = FUNCTIONS.filter((row) => (SCAN_ROWS as readonly string[]).includes(row.name));
const inside = new Set<string>(rows.map((row) => row.trigger));
// What the two rows publish that no row of this thread reads (analyses, dead letters): the main thread's to deliver.
const handedOver = [...new Set(rows.flatMap((row) => row.publishes))].filter((topic) => !inside.has(topic));

let consumed = 0;
let wake: (() => void) | undefined;
port.on('message', (message: ToScanWorker) => {
  if ('start' in message) {
    run(message.start).catch((error: unknown) => port.postMessage({ failed: String(error) } satisfies FromScanWorker));
    return;
  }
  consumed = message.consumed;
  wake?.();
});
port.postMessage({ loaded: true } satisfies FromScanWorker);

async function run(data: ScanWorkerData): Promise<void> {
  for (const value of data.redacted) registerSecret(value);
  configureLogging({ ...data.logging, stream: process.stderr });
  const config = loadConfig();
  const log = createLogger({ run: 'local', thread: 'scan' });
  const store = openSqliteStore({ path: data.storePath, environment: config.environment });
  const pauseFlag = sqlitePauseFlag(data.storePath, config.environment);
  const secrets = new Secrets(new Map(), () => 'the scan worker reads the bundled data and needs no secret');
  const market = localMarketData({ config: withBundledMarketData(config), secrets, ledger: store, log });
  const bus = createLocalPipeline({
    config,
    store,
    source: market.source,
    sink: { channel: 'none', send: () => Promise.reject(new Error('the scan worker sends no notification')) },
    log,
    functions: rows,
    pauseFlag,
  });
  let messages: WireMessage[] = [];
  for (const topic of handedOver) {
    bus.export(topic, (message) => {
      messages.push({
        topic,
        data: new Uint8Array(message.data),
        attributes: message.attributes,
        ...(message.orderingKey ? { orderingKey: message.orderingKey } : {}),
      });
    });
  }
  try {
    for (let index = 0; index < data.steps.length; index++) {
      while (index - consumed >= data.lookahead) await new Promise<void>((resolve) => (wake = resolve));
      const step = data.steps[index];
      messages = [];
      const { topic, message } = replayScanRequest(data.timeframe, { asOf: new Date(step.asOf), symbols: step.symbols });
      await bus.publish(topic, message);
      await bus.drain();
      const last = index === data.steps.length - 1;
      port?.postMessage({
        index,
        messages,
        ...(last ? { timings: [...bus.stats.bySubscription] } : {}),
      } satisfies FromScanWorker);
    }
  } finally {
    pauseFlag.close();
    await store.close();
  }
}
