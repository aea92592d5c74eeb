import type { ScheduleRow } from '../../functions/schedules.js';
import { symbolsToScan } from '../../functions/fetch-market-data/universe.js';
import { decodeValue } from '../../shared/messages/json-document.js';
import { maintenanceRequestKind } from '../../shared/messages/maintenance-request.js';
import type { MessageKind } from '../../shared/messages/message-kind.js';
import { scanRequestKind } from '../../shared/messages/scan-request.js';
import type { ScanRequest } from '../../shared/messages/scan-request.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { redactText } from '../../shared/log/redact-text.js';
import { observePublish } from '../cli/publish-observer.js';
import type { LocalRuntime } from '../pipeline/local-runtime.js';

/** What one scheduled job did on the local pipeline. */
export interface JobReport {
  readonly job: string;
  readonly scheduledAt: Date;
  readonly topic: string;
  /** Why the job counts as failed (it is tried again), or undefined when it succeeded. */
  readonly failure?: string;
  readonly symbols: number;
  readonly bars: number;
  readonly alpacaRequests: number;
  readonly analyses: number;
  readonly newSignals: number;
  readonly events: number;
  readonly notifications: number;
  readonly deadLetters: number;
  readonly durationMs: number;
}

/** Runs scheduled jobs one at a time on a local runtime; `run` never throws, a failure is in its report. */
export interface JobRunner {
  run(row: ScheduleRow, scheduledAt: Date): Promise<JobReport>;
}

const KINDS: Readonly<Record<string, MessageKind>> = {
  [TOPICS.scanRequests]: scanRequestKind,
  [TOPICS.maintenance]: maintenanceRequestKind,
};

/** The request id of a job's run: the same job at the same scheduled time is the same request (idempotent downstream). */
export function jobRequestId(job: string, scheduledAt: Date): string {
  return `${job}@${scheduledAt.toISOString().replace('.000Z', 'Z')}`;
}

/** The row's message for one scheduled time, decoded with its topic's schema (a bad row throws `DecodeError`). */
function messageOf(row: ScheduleRow, scheduledAt: Date): unknown {
  const kind = Object.hasOwn(KINDS, row.topic) ? KINDS[row.topic] : undefined;
  if (kind === undefined)
    throw new TypeError(`schedule "${row.key}": topic "${row.topic}" has no message kind the scheduler can publish`);
  const wire = { ...row.payload, asOf: scheduledAt.toISOString(), requestId: jobRequestId(row.key, scheduledAt) };
  return decodeValue(kind.schema, wire, 'payload', `schedule "${row.key}"`);
}

/** Checks at start, not at the first firing, that every row's message can be built. */
export function assertRunnable(rows: readonly ScheduleRow[]): void {
  for (const row of rows) messageOf(row, new Date(0));
}

/**
 * Publishes the row's message as Cloud Scheduler would (its payload and attributes), with `asOf` the scheduled time
 * and a request id from job and time, drains the pipeline and counts what happened. A scan counts as failed when
 * its request was dead-lettered, the pipeline threw, or no symbol got bars (Alpaca unreachable, say).
 */
export function createJobRunner(runtime: LocalRuntime): JobRunner {
  const observed = observePublish(runtime.bus);
  const universe = { crypto: runtime.config.universe.cryptoSymbols, equity: runtime.config.universe.equitySymbols };
  return {
    async run(row, scheduledAt) {
      const started = performance.now();
      const before = { ...runtime.market.meter };
      let symbols = 0;
      let failure: string | undefined;
      try {
        const payload = messageOf(row, scheduledAt);
        if (row.topic === TOPICS.scanRequests) symbols = symbolsToScan(payload as ScanRequest, universe).length;
        const data = Buffer.from(JSON.stringify(payload), 'utf8');
        await runtime.bus.publish(row.topic, { data, attributes: { ...row.attributes } });
        await runtime.bus.drain();
      } catch (error) {
        failure = redactText(error instanceof Error ? error.message : String(error));
      }
      const letters = [...observed.deadLetters.values()];
      const events = [...observed.events.values()];
      const marketBars = observed.messages.get(TOPICS.marketBars)?.size ?? 0;
      const own = letters.find((letter) => letter.topic === row.topic);
      if (failure === undefined && own !== undefined)
        failure = `the ${row.topic} message was dead-lettered after ${own.attempts} attempts: ${redactText(own.error)}`;
      if (failure === undefined && symbols > 0 && marketBars === 0)
        failure = `no bars for any of the ${symbols} symbols (see the warnings above)`;
      const report: JobReport = {
        job: row.key,
        scheduledAt,
        topic: row.topic,
        ...(failure === undefined ? {} : { failure }),
        symbols,
        bars: runtime.market.meter.bars - before.bars,
        alpacaRequests: runtime.market.meter.requests - before.requests,
        analyses: observed.analyses.count,
        newSignals: events.filter((event) => event.type === 'signal.created').length,
        events: events.length,
        notifications: runtime.observed.notifications,
        deadLetters: letters.length,
        durationMs: performance.now() - started,
      };
      forget(observed, runtime);
      return report;
    },
  };
}

/** Counters start from zero at every job, so a run of months holds no growing history. */
function forget(observed: ReturnType<typeof observePublish>, runtime: LocalRuntime): void {
  for (const ids of observed.messages.values()) ids.clear();
  observed.events.clear();
  observed.deadLetters.clear();
  Object.assign(observed.analyses, { count: 0, candidates: 0, rejected: 0 });
  runtime.observed.events.clear();
  runtime.observed.deadLetters.clear();
  runtime.observed.notifications = 0;
}
