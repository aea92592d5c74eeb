import { v5 as uuidv5 } from 'uuid';
import type { InProcessBus } from '../../shared/bus/in-process-bus.js';
import type { Timeframe } from '../../shared/domain/bar.js';
import { ID_NAMESPACE } from '../../shared/domain/ids.js';
import { encodeMessage } from '../../shared/messages/envelope.js';
import { scanRequestKind } from '../../shared/messages/scan-request.js';
import type { DecisionStep } from './decision-times.js';

/** How a pipeline replay ended. */
export interface PipelineReplayResult {
  readonly steps: number;
  readonly symbolSteps: number;
  readonly interrupted: boolean;
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
  hooks: { readonly onProgress?: (done: number, total: number) => void; readonly shouldStop?: () => boolean } = {},
): Promise<PipelineReplayResult> {
  let done = 0;
  let symbolSteps = 0;
  for (const step of steps) {
    if (hooks.shouldStop?.()) {
      await bus.drain();
      return { steps: done, symbolSteps, interrupted: true };
    }
    const asOf = step.asOf.toISOString();
    const request = {
      schemaVersion: 1,
      timeframe,
      universe: 'all',
      symbols: step.symbols,
      asOf,
      requestId: uuidv5(`replay|${timeframe}|${asOf}|${step.symbols.join(',')}`, ID_NAMESPACE),
    } as const;
    await bus.publish(scanRequestKind.topic, encodeMessage(scanRequestKind, request));
    // Sinks nothing reads back (the archive) may lag a few moments, to be written in batches.
    await bus.drain({ leaveDeferrable: true });
    done++;
    symbolSteps += step.symbols.length;
    hooks.onProgress?.(done, steps.length);
  }
  await bus.drain();
  return { steps: done, symbolSteps, interrupted: false };
}
