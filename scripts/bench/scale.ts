import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FETCH_MARKET_DATA_TIMEOUT_SECONDS } from '../../functions/fetch-market-data/shards.js';
import { FUNCTIONS, SCHEDULES } from '../../functions/topology.js';
import type { FunctionRow } from '../../functions/topology.js';
import { parseConfig } from '../../shared/config/index.js';
import type { Bar } from '../../shared/domain/bar.js';
import { createLogger } from '../../shared/log/logger.js';
import { createAlpacaSource } from '../../shared/market-data/alpaca-source.js';
import { encodeMessage, readPushMessage } from '../../shared/messages/envelope.js';
import { scanRequestKind } from '../../shared/messages/scan-request.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { openSqliteStore } from '../../shared/store/sqlite-store.js';
import type { StateStore } from '../../shared/store/store.port.js';
import { createThrottle } from '../../shared/throttle/throttle.js';
import { startAlpacaServer } from '../../test/servers/alpaca-server.js';
import { createLocalPipeline } from '../pipeline/local-pipeline.js';
import { costTable } from './scale-cost.js';
import type { CostLine, DayUsage, FunctionUsage } from './scale-cost.js';

/** What `npm run bench -- --scale N` is given. */
export interface ScaleOptions {
  readonly symbols: number;
  /** SCAN_SHARD_SIZE (default 200). */
  readonly shardSize?: number;
  /** Every Alpaca request takes this long (simulated). */
  readonly latencyMs?: number;
}

/** One scan of the whole universe, as the bench measured it. */
export interface ScanMeasure {
  readonly asOf: string;
  readonly alpaca: {
    barRequests: number;
    otherRequests: number;
    /**
     * The most requests in any 60 s, on the fetch chain's own clock (shards back to back, as on the deployment where
     * the downstream functions run elsewhere): the worst case for Alpaca's limit.
     */
    maxRequestsInAnyMinute: number;
    barRequestBound: number;
  };
  readonly shards: {
    count: number;
    largest: number;
    /** Per shard, simulated seconds: its Alpaca waits (throttle, latency) plus its real CPU time here. */
    simulatedSeconds: { min: number; median: number; max: number };
    /** Each shard's simulated seconds, in chain order. */
    perShardSeconds: number[];
    /** The fetchMarketData timeout and ack deadline every shard must stay well inside. */
    limitSeconds: number;
  };
  /** Simulated: the shard chain end to end (shards run one after another), as the deployment would see it. */
  readonly fetchChainSimulatedSeconds: number;
  /** Real: this process running the scan and everything downstream of it on one core. */
  readonly realSeconds: number;
  readonly messages: Record<string, number>;
  readonly messageBytes: Record<string, number>;
  readonly store: { reads: number; writes: number; byMethod: Record<string, number> };
  readonly functions: Record<string, { invocations: number; realSeconds: number }>;
  readonly peakRssMb: number;
}

export interface ScaleResult {
  readonly symbols: number;
  readonly crypto: number;
  readonly equity: number;
  readonly shardSize: number;
  readonly latencyMs: number;
  readonly first: ScanMeasure;
  readonly nextDay: ScanMeasure;
  /** The deployment scanning the whole market once a day (the next-day scan), per day and per 30-day month. */
  readonly cost: CostLine[];
  readonly targets: Record<string, boolean>;
}

const DAY_MS = 86_400_000;
const MB = 1024 * 1024;
// The daily-equity job's time (16:15 New York, winter) on a Tuesday and the Wednesday after.
const FIRST_AS_OF = new Date('2026-01-13T21:15:00Z');
const NEXT_AS_OF = new Date(FIRST_AS_OF.getTime() + DAY_MS);
const ROWS = new Set(['fetchMarketData', 'generateSignals', 'persistState']);

/** A clock that runs at real speed plus every wait it was asked to skip. */
function simulatedClock() {
  let skipped = 0;
  return {
    now: () => Date.now() + skipped,
    skip: (ms: number) => void (skipped += ms),
  };
}

/** A deterministic random walk of daily bars ending with the bar that opens on `lastDay` (stocks: weekdays, 05:00Z). */
function walk(seed: number, lastDay: Date, days: number, stock: boolean): Bar[] {
  let state = seed * 7919 + 1;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const bars: Bar[] = [];
  let close = 20 + seed * 3;
  const last = Math.floor(lastDay.getTime() / DAY_MS);
  for (let day = last - days + 1; day <= last; day++) {
    const open = new Date(day * DAY_MS + (stock ? 5 * 3_600_000 : 0));
    if (stock && (open.getUTCDay() === 0 || open.getUTCDay() === 6)) continue;
    const start = close;
    close = Math.max(1, start * (1 + (random() - 0.48) * 0.06));
    const high = Math.max(start, close) * (1 + random() * 0.02);
    const low = Math.min(start, close) * (1 - random() * 0.02);
    const round = (x: number) => Math.round(x * 100) / 100;
    bars.push({
      timestamp: open.toISOString().replace('.000Z', 'Z'),
      open: round(start),
      high: round(high),
      low: round(low),
      close: round(close),
      volume: Math.round(100_000 + random() * 900_000),
    });
  }
  return bars;
}

/** `index` in upper-case letters, `width` long: 0 → AAAA. */
function letters(index: number, width: number): string {
  let out = '';
  for (let i = 0, rest = index; i < width; i++, rest = Math.floor(rest / 26)) out = String.fromCharCode(65 + (rest % 26)) + out;
  return out;
}

/** A counting view of the store: every port method call is one document read (get/list/…) or write (the rest). */
function countedStore(store: StateStore) {
  const counts = { reads: 0, writes: 0, byMethod: {} as Record<string, number> };
  const READ = /^(get|list|find|read|load|has|count|query|open|due|pending)/;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return (...args: unknown[]) => {
        counts.byMethod[String(property)] = (counts.byMethod[String(property)] ?? 0) + 1;
        if (READ.test(String(property))) counts.reads++;
        else counts.writes++;
        return Reflect.apply(value, target, args);
      };
    },
  });
  return { store: counted, counts };
}

function maxInAnyMinute(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= 60_000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * A full-market daily scan through the real fetchMarketData, generateSignals and persistState on the in-process bus,
 * against the local Alpaca server over HTTP through the SDK, with a SQLite store standing in for Firestore: the first
 * scan (cold bar ledger), then the next day's. Alpaca's latency and the throttle's waits run on a simulated clock, so
 * the bench takes minutes instead of the scan's real duration; both clocks are reported.
 */
export async function runScaleBench(options: ScaleOptions, progress: (line: string) => void = () => {}): Promise<ScaleResult> {
  const shardSize = options.shardSize ?? 200;
  const latencyMs = options.latencyMs ?? 150;
  const cryptoCount = Math.min(60, Math.floor(options.symbols / 10));
  const equityCount = options.symbols - cryptoCount;
  const cryptoSeries = Array.from({ length: 4 }, (_, i) => walk(100 + i, NEXT_AS_OF, 420, false));
  const stockSeries = Array.from({ length: 16 }, (_, i) => walk(i, NEXT_AS_OF, 600, true));
  const crypto: Record<string, Bar[]> = {};
  const stocks: Record<string, Bar[]> = {};
  for (let i = 0; i < cryptoCount; i++) crypto[`${letters(i, 3)}/USD`] = cryptoSeries[i % cryptoSeries.length];
  for (let i = 0; i < equityCount; i++) stocks[letters(i, 4)] = stockSeries[i % stockSeries.length];
  const symbols = [...Object.keys(crypto), ...Object.keys(stocks)];

  const clock = simulatedClock();
  const server = await startAlpacaServer({
    crypto,
    stocks,
    latencyMs,
    sleep: async (ms) => clock.skip(ms),
    now: () => clock.now(),
  });
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-scale-'));
  const sqlite = openSqliteStore({ path: join(dir, 'scale.db'), environment: 'dev' });
  try {
    const config = parseConfig({ SCAN_SHARD_SIZE: String(shardSize), LOG_LEVEL: 'error' });
    const { rateLimitPerMinute, rateLimitDelaySeconds } = config.marketData;
    const throttle = createThrottle({
      perMinute: rateLimitPerMinute,
      minSpacingMs: rateLimitDelaySeconds * 1000,
      clock: { now: clock.now, setTimeout: (callback, ms) => (clock.skip(ms), setImmediate(callback)) },
    });
    const quiet = { write: () => true, isTTY: false };
    const log = createLogger({ run: 'scale-bench' }, { level: 'error', stream: quiet });
    let lastUsage: {
      functions: Record<string, { invocations: number; seconds: number[] }>;
      sizes: { topic: string; bytes: number }[];
      counts: { reads: number; writes: number };
    } = { functions: {}, sizes: [], counts: { reads: 0, writes: 0 } };
    const scan = async (asOf: Date, label: string): Promise<ScanMeasure> => {
      const alpacaTimes: { at: number; bars: boolean }[] = [];
      // Time spent outside fetchMarketData (downstream functions, on this one process) is taken off the fetch chain's clock.
      let outsideFetchMs = 0;
      let lastFetchEnd: number | undefined;
      const { store, counts } = countedStore(sqlite);
      const source = createAlpacaSource({
        keyId: 'PKSCALEBENCH',
        secretKey: 'scale-bench-secret',
        dataBaseUrl: server.url,
        tradingBaseUrl: `${server.url}/v2`,
        feed: 'iex',
        throttle,
        logger: log,
        ledger: store,
        now: () => asOf,
        retry: {
          fetch: (url, init) => {
            alpacaTimes.push({ at: clock.now() - outsideFetchMs, bars: new URL(url).pathname.endsWith('/bars') });
            return fetch(url, init);
          },
        },
      });
      const functions: Record<string, { invocations: number; realSeconds: number; seconds: number[] }> = {};
      const shardSimSeconds: number[] = [];
      let largestShard = 0;
      let peakRss = process.memoryUsage.rss();
      const timedBuild =
        (row: FunctionRow): FunctionRow['build'] =>
        async (deps) => {
          const handler = await row.build(deps);
          const usage = (functions[row.name] ??= { invocations: 0, realSeconds: 0, seconds: [] });
          return async (event) => {
            const started = performance.now();
            const simStarted = clock.now();
            if (row.name === 'fetchMarketData' && lastFetchEnd !== undefined) outsideFetchMs += simStarted - lastFetchEnd;
            await handler(event);
            if (row.name === 'fetchMarketData') lastFetchEnd = clock.now();
            const real = (performance.now() - started) / 1000;
            usage.invocations++;
            usage.realSeconds += real;
            peakRss = Math.max(peakRss, process.memoryUsage.rss());
            if (row.name !== 'fetchMarketData') return void usage.seconds.push(real);
            const simulated = (clock.now() - simStarted) / 1000;
            usage.seconds.push(simulated);
            const payload = JSON.parse(Buffer.from(readPushMessage(event).data, 'base64').toString('utf8')) as {
              shard?: { index: number; size: number };
              symbols?: string[];
            };
            if (payload.shard === undefined) return;
            shardSimSeconds.push(simulated);
            const covered = Math.min(
              payload.shard.size,
              (payload.symbols?.length ?? 0) - payload.shard.index * payload.shard.size,
            );
            largestShard = Math.max(largestShard, covered);
            if (shardSimSeconds.length % 10 === 0) progress(`${label}: ${shardSimSeconds.length} shards scanned`);
          };
        };
      const rows = FUNCTIONS.filter((row) => ROWS.has(row.name));
      const bus = createLocalPipeline({
        config,
        store,
        source,
        sink: { channel: 'none', send: async () => ({ messageId: 'none' }) },
        log,
        functions: rows,
        builds: Object.fromEntries(rows.map((row) => [row.name, timedBuild(row)])),
      });
      const messages: Record<string, number> = {};
      const messageBytes: Record<string, number> = {};
      const sizes: { topic: string; bytes: number }[] = [];
      const publish = bus.publish.bind(bus);
      bus.publish = async (topic, message) => {
        messages[topic] = (messages[topic] ?? 0) + 1;
        messageBytes[topic] = (messageBytes[topic] ?? 0) + message.data.length;
        sizes.push({ topic, bytes: message.data.length });
        return publish(topic, message);
      };
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250);
      const started = performance.now();
      try {
        const payload = {
          schemaVersion: 1,
          timeframe: '1Day',
          universe: 'all',
          symbols,
          asOf: asOf.toISOString(),
          requestId: `scale-bench@${asOf.toISOString()}`,
        } as const;
        await bus.publish(TOPICS.scanRequests, encodeMessage(scanRequestKind, payload));
        await bus.drain();
      } finally {
        clearInterval(sampler);
      }
      const barTimes = alpacaTimes.filter((entry) => entry.bars);
      const perRequest = Math.min(shardSize, options.symbols);
      const measure: ScanMeasure = {
        asOf: asOf.toISOString(),
        alpaca: {
          barRequests: barTimes.length,
          otherRequests: alpacaTimes.length - barTimes.length,
          maxRequestsInAnyMinute: maxInAnyMinute(alpacaTimes.map((entry) => entry.at)),
          // Crypto and stock bars are separate endpoints: a request never holds both classes.
          barRequestBound: Math.ceil(cryptoCount / perRequest) + Math.ceil(equityCount / perRequest),
        },
        shards: {
          count: shardSimSeconds.length,
          largest: largestShard,
          simulatedSeconds: {
            min: Math.min(...shardSimSeconds),
            median: median(shardSimSeconds),
            max: Math.max(...shardSimSeconds),
          },
          perShardSeconds: shardSimSeconds.map((seconds) => Math.round(seconds * 100) / 100),
          limitSeconds: FETCH_MARKET_DATA_TIMEOUT_SECONDS,
        },
        fetchChainSimulatedSeconds: (functions.fetchMarketData?.seconds ?? []).reduce((sum, s) => sum + s, 0),
        realSeconds: (performance.now() - started) / 1000,
        messages,
        messageBytes,
        store: { reads: counts.reads, writes: counts.writes, byMethod: { ...counts.byMethod } },
        functions: Object.fromEntries(
          Object.entries(functions).map(([name, usage]) => [
            name,
            { invocations: usage.invocations, realSeconds: usage.realSeconds },
          ]),
        ),
        peakRssMb: peakRss / MB,
      };
      lastUsage = { functions, sizes, counts };
      return measure;
    };

    progress(`first scan of ${symbols.length} symbols (${cryptoCount} crypto, ${equityCount} equities)…`);
    const first = await scan(FIRST_AS_OF, 'first scan');
    progress('next-day scan…');
    const nextDay = await scan(NEXT_AS_OF, 'next-day scan');

    const deliveriesOf = (topic: string) => (topic === TOPICS.events ? 3 : 1);
    const fn = (name: string): FunctionUsage => ({
      invocations: lastUsage.functions[name]?.invocations ?? 0,
      seconds: lastUsage.functions[name]?.seconds ?? [],
      vcpu: 0.333,
      memoryGib: 0.5,
    });
    const events = nextDay.messages[TOPICS.events] ?? 0;
    const day: DayUsage = {
      functions: Object.fromEntries([...ROWS].map((name) => [name, fn(name)])),
      messages: lastUsage.sizes.map(({ topic, bytes }) => ({ bytes, deliveries: deliveriesOf(topic) })),
      storeReads: lastUsage.counts.reads,
      storeWrites: lastUsage.counts.writes,
      schedulerJobs: SCHEDULES.length,
      bigqueryRows: events,
    };
    const cost = costTable(day);
    return {
      symbols: symbols.length,
      crypto: cryptoCount,
      equity: equityCount,
      shardSize,
      latencyMs,
      first,
      nextDay,
      cost,
      targets: {
        firstScanWithin200PerMinute: first.alpaca.maxRequestsInAnyMinute <= 200,
        shardsWellInsideTimeout:
          Math.max(first.shards.simulatedSeconds.max, nextDay.shards.simulatedSeconds.max) <=
          FETCH_MARKET_DATA_TIMEOUT_SECONDS / 4,
        nextDayWithinRequestBound: nextDay.alpaca.barRequests <= nextDay.alpaca.barRequestBound,
      },
    };
  } finally {
    await sqlite.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The scale section's printout. */
export function formatScaleBench(result: ScaleResult): string {
  const s = (seconds: number) => `${seconds.toFixed(1)} s`;
  const scanLines = (name: string, scan: ScanMeasure) => [
    `${name} (asOf ${scan.asOf})`,
    `  Alpaca: ${scan.alpaca.barRequests} bar requests + ${scan.alpaca.otherRequests} other (assets, calendar); at most ${scan.alpaca.maxRequestsInAnyMinute} in any minute with shards back to back (limit 200)`,
    `  shards: ${scan.shards.count} of at most ${scan.shards.largest} symbols; each ${s(scan.shards.simulatedSeconds.min)} / ${s(scan.shards.simulatedSeconds.median)} / ${s(scan.shards.simulatedSeconds.max)} (min / median / max, simulated; timeout and ack deadline ${scan.shards.limitSeconds} s)`,
    `  wall time: fetch chain ${s(scan.fetchChainSimulatedSeconds)} simulated; the whole scan with generateSignals and persistState ${s(scan.realSeconds)} real on this machine`,
    `  messages: ${Object.entries(scan.messages)
      .map(([topic, count]) => `${topic} ${count} (${(scan.messageBytes[topic] / MB).toFixed(1)} MiB)`)
      .join(', ')}`,
    `  store: ${scan.store.reads} reads, ${scan.store.writes} writes (${Object.entries(scan.store.byMethod)
      .map(([method, count]) => `${method} ${count}`)
      .join(', ')}); peak RSS ${scan.peakRssMb.toFixed(0)} MB`,
  ];
  const money = (usd: number) => (usd < 0.01 && usd > 0 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`);
  const costLines = result.cost.map(
    (line) =>
      `  ${line.service.padEnd(27)} ${money(line.perDay).padStart(9)} ${money(line.perMonth).padStart(10)} ${money(line.perMonthAfterFreeTier).padStart(12)}  ${line.usage}`,
  );
  return [
    `${result.symbols} symbols (${result.crypto} crypto, ${result.equity} equities), shards of ${result.shardSize}, ${result.latencyMs} ms per Alpaca request`,
    ...scanLines('first scan (cold ledger)', result.first),
    ...scanLines('next-day scan', result.nextDay),
    `next-day bar requests ${result.nextDay.alpaca.barRequests} ≤ ${result.nextDay.alpaca.barRequestBound} (ceil(crypto / ${result.shardSize}) + ceil(equities / ${result.shardSize}))`,
    'cost of scanning the whole market once a day (list prices, docs/scale.md):',
    `  ${'service'.padEnd(27)} ${'per day'.padStart(9)} ${'per month'.padStart(10)} ${'after free'.padStart(12)}  usage per day`,
    ...costLines,
    `targets: ${Object.entries(result.targets)
      .map(([name, pass]) => `${name} ${pass ? 'PASS' : 'FAIL'}`)
      .join(', ')}`,
  ].join('\n');
}
