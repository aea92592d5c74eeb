import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SubscriptionTiming } from '../../shared/bus/in-process-bus.js';
import type { Timeframe } from '../../shared/domain/bar.js';
import type { LogFormat, LogLevel } from '../../shared/log/logger.js';
import { registeredSecrets } from '../../shared/log/secret-registry.js';
import type { DecisionStep } from './decision-times.js';
import type { MomentSource, TopicMessage } from './pipeline-replay.js';
import type { FromScanWorker, ScanWorkerData, ToScanWorker, WireMessage } from './scan-worker-thread.js';

export interface ScanWorkerOptions {
  /** The state store's SQLite file (the scan reads its pause flag there). */
  readonly storePath: string;
  readonly timeframe: Timeframe;
  readonly steps: readonly DecisionStep[];
  readonly logging: { readonly level: LogLevel; readonly format?: LogFormat };
  /** Moments the worker may run ahead (default 512: the main thread's moments are uneven, a new signal costs a chart and orders). */
  readonly lookahead?: number;
}

// Node 20 does not pass tsx's loader on to worker threads: the thread registers it, then imports its entry.
function threadSource(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./scan-worker-thread.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}

function topicMessageOf(wire: WireMessage): TopicMessage {
  return {
    topic: wire.topic,
    message: {
      data: Buffer.from(wire.data.buffer, wire.data.byteOffset, wire.data.byteLength),
      attributes: wire.attributes,
      ...(wire.orderingKey ? { orderingKey: wire.orderingKey } : {}),
    },
  };
}

/** A scan worker thread started ahead of its replay: it loads its modules while the caller prepares the moments. */
export interface ScanWorkerThread {
  /** The replay's moments from this thread (once). */
  moments(options: ScanWorkerOptions): MomentSource;
  /** This thread once its modules are loaded (it fails as the thread does). */
  loaded(): Promise<ScanWorkerThread>;
  /** Stops the thread, used or not. */
  close(): Promise<void>;
}

/**
 * A worker thread that will run fetchMarketData and generateSignals on its own in-process bus, up to `lookahead`
 * moments ahead, and hand over what they published for each moment (the analyses, and any dead letter) as bytes.
 * Those two rows read nothing a later row writes, so the main thread delivers exactly what one bus would have, in the
 * same order, while the scan of later moments runs on the other core: every message is still written by its producer
 * and decoded by its consumer.
 */
export function startScanWorker(): ScanWorkerThread {
  const worker = new Worker(threadSource(), { eval: true });
  const ready = new Map<number, readonly WireMessage[]>();
  let timings = new Map<string, Readonly<SubscriptionTiming>>();
  let failure: Error | undefined;
  let waiting: { readonly index: number; readonly wake: () => void } | undefined;
  let isLoaded = false;
  let onLoaded: (() => void) | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    waiting?.wake();
    onLoaded?.();
  };
  worker.on('message', (message: FromScanWorker) => {
    if ('loaded' in message) {
      isLoaded = true;
      return onLoaded?.();
    }
    if ('failed' in message) return fail(new Error(`the scan worker failed: ${message.failed}`));
    ready.set(message.index, message.messages);
    if (message.timings) timings = new Map(message.timings);
    if (waiting?.index === message.index) waiting.wake();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the scan worker stopped (exit code ${code})`)));
  const close = async () => {
    failure ??= new Error('the scan worker was closed');
    await worker.terminate();
  };
  let started = false;
  const thread: ScanWorkerThread = {
    loaded: async () => {
      if (!isLoaded && failure === undefined) await new Promise<void>((resolve) => (onLoaded = resolve));
      if (failure) throw failure;
      return thread;
    },
    moments: (options) => {
      if (started) throw new Error('the scan worker replays once');
      started = true;
      const data: ScanWorkerData = {
        storePath: options.storePath,
        timeframe: options.timeframe,
        steps: options.steps.map((step) => ({ asOf: step.asOf.toISOString(), symbols: step.symbols })),
        lookahead: options.lookahead ?? 512,
        logging: options.logging,
        // A secret never reaches the thread's code, but a value it logs is masked as the main thread masks it.
        redacted: registeredSecrets(),
      };
      worker.postMessage({ start: data } satisfies ToScanWorker);
      return {
        messagesFor: async (index) => {
          while (!ready.has(index)) {
            if (failure) throw failure;
            await new Promise<void>((resolve) => (waiting = { index, wake: resolve }));
          }
          const messages = ready.get(index) ?? [];
          ready.delete(index);
          worker.postMessage({ consumed: index + 1 } satisfies ToScanWorker);
          return messages.map(topicMessageOf);
        },
        elsewhere: () => timings,
        close,
      };
    },
    close,
  };
  return thread;
}

/** A replay's moments from a scan worker thread started now (see `startScanWorker`). */
export function scanWorker(options: ScanWorkerOptions): MomentSource {
  return startScanWorker().moments(options);
}

/** A scan worker started ahead when the machine has a second core (else undefined: the moments run on one bus). */
export function startScanWorkerIfParallel(): ScanWorkerThread | undefined {
  return availableParallelism() >= 2 ? startScanWorker() : undefined;
}
