import { availableParallelism } from 'node:os';
import { v5 as uuidv5 } from 'uuid';
import type { InProcessBus, SubscriptionTiming } from '../../shared/bus/in-process-bus.js';
import type { OutgoingMessage } from '../../shared/bus/bus.port.js';
import type { Timeframe } from '../../shared/domain/bar.js';
import { ID_NAMESPACE } from '../../shared/domain/ids.js';
import { encodeMessage } from '../../shared/messages/envelope.js';
import { scanRequestKind } from '../../shared/messages/scan-request.js';
import type { DecisionStep } from './decision-times.js';
import { scanWorker } from './scan-worker.js';
import type { ScanWorkerOptions, ScanWorkerThread } from './scan-worker.js';

/** How a pipeline replay ended. */
export interface PipelineReplayResult {
  readonly steps: number;
  readonly symbolSteps: number;
  readonly interrupted: boolean;
}

/** A message for a topic, as a replay publishes it. */
export interface TopicMessage {
  readonly topic: string;
  readonly message: OutgoingMessage;
}

/**
 * What the replay publishes for each moment: by default its `ScanRequest`; a scan worker (scan-worker.ts) instead
 * hands over what fetchMarketData and generateSignals, run ahead in a worker thread, published for it.
 */
export interface MomentSource {
  messagesFor(index: number, step: DecisionStep): Promise<readonly TopicMessage[]>;
  /** The deliveries and handler time (ms) by subscription of a bus other than the one driven, once it has finished. */
  readonly elsewhere?: () => ReadonlyMap<string, Readonly<SubscriptionTiming>>;
  close(): Promise<void>;
}

/** The `ScanRequest` a person replaying moment `step` publishes (with `asOf`; its id deterministic). */
export function replayScanRequest(timeframe: Timeframe, step: DecisionStep): TopicMessage {
  const asOf = step.asOf.toISOString();
  const request = {
    schemaVersion: 1,
    timeframe,
    universe: 'all',
    symbols: step.symbols,
    asOf,
    requestId: uuidv5(`replay|${timeframe}|${asOf}|${step.symbols.join(',')}`, ID_NAMESPACE),
  } as const;
  return { topic: scanRequestKind.topic, message: encodeMessage(scanRequestKind, request) };
}

/** Each moment's scan request, published on the bus the replay drives. */
export function scanRequests(timeframe: Timeframe): MomentSource {
  return { messagesFor: async (_index, step) => [replayScanRequest(timeframe, step)], close: async () => undefined };
}

/**
 * Drives the pipeline through history: one `ScanRequest` per decision moment (with `asOf`, as a person
 * replaying a day publishes it), drained before the next, so every handler sees the world as it was then.
 * `shouldStop` is checked between moments: the message in flight always finishes.
 */
export async function replayThroughPipeline(
  bus: InProcessBus,
  timeframe: Timeframe,
  steps: readonly DecisionStep[],
  hooks: {
    readonly onProgress?: (done: number, total: number) => void;
    readonly shouldStop?: () => boolean;
    /** Where each moment's messages come from (default: its scan request). */
    readonly moments?: MomentSource;
  } = {},
): Promise<PipelineReplayResult> {
  const moments = hooks.moments ?? scanRequests(timeframe);
  let done = 0;
  let symbolSteps = 0;
  try {
    for (const step of steps) {
      if (hooks.shouldStop?.()) {
        await bus.drain();
        return { steps: done, symbolSteps, interrupted: true };
      }
      for (const { topic, message } of await moments.messagesFor(done, step)) await bus.publish(topic, message);
      // Sinks nothing reads back (the archive) may lag a few moments, to be written in batches.
      await bus.drain({ leaveDeferrable: true });
      done++;
      symbolSteps += step.symbols.length;
      hooks.onProgress?.(done, steps.length);
    }
    await bus.drain();
    return { steps: done, symbolSteps, interrupted: false };
  } finally {
    await moments.close();
  }
}

/**
 * The moments of a replay: from `thread` when one was started ahead, else from a scan worker on a machine with a
 * second core; on one core, each moment's scan request on the one bus.
 */
export function replayMoments(options: ScanWorkerOptions, thread?: ScanWorkerThread): MomentSource {
  if (thread !== undefined) return thread.moments(options);
  return availableParallelism() >= 2 ? scanWorker(options) : scanRequests(options.timeframe);
}
