import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE_PARAMS } from '../../functions/generate-signals/candidates/index.js';
import type {
  Notification,
  NotificationReceipt,
  NotificationSink,
} from '../../functions/notify-discord/notification-sink.port.js';
import { createLocalPipeline } from '../../scripts/pipeline/local-pipeline.js';
import { decisionSteps } from '../../scripts/replay/decision-times.js';
import { replayThroughPipeline } from '../../scripts/replay/pipeline-replay.js';
import type { PipelineReplayResult } from '../../scripts/replay/pipeline-replay.js';
import type { DeliveryMode, InProcessBus } from '../../shared/bus/in-process-bus.js';
import type { Bar } from '../../shared/domain/bar.js';
import { parseConfig } from '../../shared/config/index.js';
import type { Signal } from '../../shared/domain/signal.js';
import { createLogger } from '../../shared/log/logger.js';
import type { Logger } from '../../shared/log/logger.js';
import { findBundledSeries, readBundledBars } from '../../shared/market-data/bundled-bars.js';
import type { BundledSeries } from '../../shared/market-data/bundled-bars.js';
import { createReplaySource } from '../../shared/market-data/replay-source.js';
import { readPushMessage } from '../../shared/messages/envelope.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { openSqliteStore } from '../../shared/store/sqlite-store.js';
import type { StateStore } from '../../shared/store/store.port.js';
import { FUNCTIONS } from '../../functions/topology.js';
import type { FunctionRow } from '../../functions/topology.js';

/** The rows these properties are about: the signal pipeline (paper trading and the archive have their own tests). */
export const PIPELINE_ROWS = FUNCTIONS.filter((row) =>
  ['fetchMarketData', 'generateSignals', 'persistState', 'notifyDiscord', 'recordDeadLetter'].includes(row.name),
);

/**
 * Three real daily series over six and a half years (two crypto pairs and an equity, so symbols interleave): it holds
 * new signals, TP1s, TP2s, stops, invalidations, expiries and rejected shadows. No bundled series produces a
 * `signal.trailed` event (the chandelier never climbs above tp3 before the runner exits), so none is asserted.
 */
export const SLICE = {
  symbols: ['BTC/USD', 'ETH/USD', 'SPY'],
  from: new Date('2017-01-01T00:00:00Z'),
  // Through mid-2023 since the issue-9 detection rules (ATR stop buffer, recent-structure conviction): the
  // stops and the second TP1 of the crypto pairs come in 2022–2023.
  to: new Date('2023-06-30T00:00:00Z'),
} as const;

/** A replay range: symbols (daily bundled series) and the decision window. */
export interface ReplayRange {
  readonly symbols: readonly string[];
  readonly from?: Date;
  readonly to?: Date;
}

/** A fresh folder under the OS temp dir; `remove()` deletes it. */
export function tempDir(prefix = 'sentinel-pipeline-'): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A sink that keeps every notification: eventId → text, and how many times each eventId was sent. */
export interface CollectingSink extends NotificationSink {
  readonly texts: Map<string, string>;
  readonly sends: Map<string, number>;
}

export function collectingSink(channel = 'collect'): CollectingSink {
  const texts = new Map<string, string>();
  const sends = new Map<string, number>();
  return {
    channel,
    texts,
    sends,
    async send(notification: Notification): Promise<NotificationReceipt> {
      texts.set(notification.eventId, notification.text);
      sends.set(notification.eventId, (sends.get(notification.eventId) ?? 0) + 1);
      return { messageId: `collect:${notification.eventId}` };
    },
  };
}

/** Runs `action` but throws a transient-looking error on its first `failures` calls. */
export function failingFirst<A extends unknown[], R>(
  failures: number,
  action: (...args: A) => Promise<R>,
  message = 'SQLITE_BUSY: database is locked',
): { readonly call: (...args: A) => Promise<R>; readonly calls: () => number } {
  let calls = 0;
  return {
    call: async (...args: A) => {
      calls++;
      if (calls <= failures) throw new Error(message);
      return action(...args);
    },
    calls: () => calls,
  };
}

/** What the test observers saw on the bus. */
export interface Observed {
  /** eventId → payload JSON of the published event (a second, different payload for one id is recorded in `conflicts`). */
  readonly events: Map<string, string>;
  /** eventId → distinct bus message ids it was published under. */
  readonly publishes: Map<string, Set<string>>;
  readonly conflicts: string[];
  /** eventIds in the order the observer received them (duplicates included). */
  readonly arrivals: string[];
  /** Every delivery the dead-letter observer received (duplicates included). */
  readonly deadLetterDeliveries: number;
}

/** A pipeline on a SQLite file with a collecting sink and observers on `events` and `dead-letters`. */
export interface Harness {
  readonly store: StateStore;
  readonly bus: InProcessBus;
  readonly sink: CollectingSink;
  readonly observed: Observed;
  readonly logs: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The SQLite file (created if absent); an in-memory store when not given. */
  readonly path?: string;
  /** What the handlers get instead of the store itself (e.g. a wrapper that fails on purpose). */
  readonly wrapStore?: (store: StateStore) => StateStore;
  /** What the handlers get instead of the collecting sink (e.g. a wrapper that fails on purpose). */
  readonly wrapSink?: (sink: CollectingSink) => NotificationSink;
  readonly mode?: DeliveryMode;
  readonly maxDeliveryAttempts?: number;
  /** The topology rows to run (default: PIPELINE_ROWS). */
  readonly rows?: readonly FunctionRow[];
}

const noBackoff = async (): Promise<void> => {};

/** A logger writing JSON lines into `lines` (nothing reaches the console). */
export function capturingLogger(lines: string[]): Logger {
  return createLogger(
    { run: 'test' },
    { stream: { write: (chunk: string) => lines.push(chunk) }, level: 'debug', format: 'json' },
  );
}

export function openHarness(options: HarnessOptions): Harness {
  const store = openSqliteStore({ path: options.path ?? ':memory:', environment: 'dev' });
  const sink = collectingSink();
  const logs: string[] = [];
  const config = parseConfig({
    CRYPTO_SYMBOLS: 'BTC/USD,ETH/USD',
    EQUITY_SYMBOLS: 'SPY',
    ENABLE_EQUITIES: 'true',
    COOLDOWN_SCOPE: 'SYMBOL',
    TEST_MODE: 'false',
    DEAD_LETTER_MAX_ATTEMPTS: String(options.maxDeliveryAttempts ?? 5),
  });
  const bus = createLocalPipeline({
    config,
    store: options.wrapStore ? options.wrapStore(store) : store,
    source: createReplaySource(),
    sink: options.wrapSink ? options.wrapSink(sink) : sink,
    log: capturingLogger(logs),
    maxEventAgeMs: 24 * 3600_000,
    mode: { backoff: noBackoff, ...options.mode },
    functions: options.rows ?? PIPELINE_ROWS,
  });
  const events = new Map<string, string>();
  const publishes = new Map<string, Set<string>>();
  const conflicts: string[] = [];
  const arrivals: string[] = [];
  let deadLetterDeliveries = 0;
  bus.subscribe({ name: 'test-observer-events', topic: TOPICS.events }, async (event) => {
    const raw = readPushMessage(event);
    const json = Buffer.from(raw.data, 'base64').toString('utf8');
    const eventId = eventIdOf(json);
    arrivals.push(eventId);
    const known = events.get(eventId);
    if (known !== undefined && known !== json) conflicts.push(eventId);
    events.set(eventId, json);
    const ids = publishes.get(eventId) ?? new Set<string>();
    ids.add(raw.messageId);
    publishes.set(eventId, ids);
  });
  bus.subscribe({ name: 'test-observer-dead-letters', topic: TOPICS.deadLetters }, async () => {
    deadLetterDeliveries++;
  });
  const observed: Observed = {
    events,
    publishes,
    conflicts,
    arrivals,
    get deadLetterDeliveries() {
      return deadLetterDeliveries;
    },
  };
  return {
    store,
    bus,
    sink,
    observed,
    logs,
    close: () => store.close(),
  };
}

/** The `eventId` of an event's JSON. */
export function eventIdOf(json: string): string {
  const parsed: unknown = JSON.parse(json);
  const eventId: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'eventId') : undefined;
  if (typeof eventId !== 'string') throw new Error(`an event without eventId: ${json.slice(0, 200)}`);
  return eventId;
}

/** The bundled daily series of `symbol`. */
export function dailySeries(symbol: string): BundledSeries {
  const series = findBundledSeries(symbol, '1Day');
  if (!series) throw new Error(`no bundled 1Day series for ${symbol}`);
  return series;
}

const barsCache = new Map<BundledSeries, Bar[]>();

/** The bars of a bundled series (read once per process). */
export function barsOf(series: BundledSeries): Bar[] {
  let bars = barsCache.get(series);
  if (!bars) {
    bars = readBundledBars(series);
    barsCache.set(series, bars);
  }
  return bars;
}

/** Publishes one ScanRequest per decision moment of the range and drains each, as `npm start` does. */
export async function replay(bus: InProcessBus, range: ReplayRange): Promise<PipelineReplayResult> {
  const series = range.symbols.map((symbol) => ({
    symbol,
    assetClass: dailySeries(symbol).assetClass,
    bars: barsOf(dailySeries(symbol)),
  }));
  const steps = decisionSteps(series, '1Day', {
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
    minBars: ENGINE_PARAMS.minBars,
  });
  return replayThroughPipeline(bus, '1Day', steps);
}

/** Every stored daily signal of the symbols, in store order. */
export async function storedSignals(store: StateStore, symbols: readonly string[]): Promise<Signal[]> {
  const lists = await Promise.all(symbols.map((symbol) => store.listSignals({ symbol, timeframe: '1Day' })));
  return lists.flat();
}

/** How many events of each type, from eventId → payload JSON. */
export function countByType(events: ReadonlyMap<string, string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const json of events.values()) {
    const parsed: unknown = JSON.parse(json);
    const type: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'type') : undefined;
    const key = typeof type === 'string' ? type : 'unknown';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** A small deterministic PRNG (mulberry32), for reproducible shuffles. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Object entries sorted by key, so maps compare regardless of insertion (i.e. delivery) order. */
export function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A delivery record without its wall-clock times. */
export interface DeliveryFacts {
  readonly state: string;
  readonly attempts: number;
  readonly messageId: string | null;
}

/** Everything a run leaves behind that must not depend on delivery order or duplicates. */
export interface RunOutcome {
  readonly signals: Signal[];
  /** eventId → payload JSON of every event published, sorted by eventId. */
  readonly events: [string, string][];
  /** eventId → notification text, sorted by eventId. */
  readonly notifications: [string, string][];
  /** eventId → delivery record of every published event on the sink's channel, sorted by eventId. */
  readonly deliveries: [string, DeliveryFacts | null][];
  readonly pendingOutbox: number;
  readonly deadLetters: number;
}

/** Reads what a run left in the store and what the observers saw. */
export async function outcomeOf(harness: Harness, symbols: readonly string[]): Promise<RunOutcome> {
  const { store, sink, observed } = harness;
  const events = sortedEntries(observed.events);
  const deliveries = await Promise.all(
    events.map(async ([eventId]): Promise<[string, DeliveryFacts | null]> => {
      const record = await store.getDelivery(eventId, sink.channel);
      return [eventId, record && { state: record.state, attempts: record.attempts, messageId: record.messageId }];
    }),
  );
  return {
    signals: await storedSignals(store, symbols),
    events,
    notifications: sortedEntries(sink.texts),
    deliveries,
    pendingOutbox: (await store.pendingOutbox(1000)).length,
    deadLetters: (await store.listDeadLetters(1000)).length,
  };
}
