import test from 'ava';
import sinon from 'sinon';
import type { ExecutionContext } from 'ava';
import { createFetchMarketData } from '../../../functions/fetch-market-data/index.js';
import { DeliveryInProgressError } from '../../../shared/store/delivery-in-progress.js';
import { planShards, shardId, shardRequest } from '../../../functions/fetch-market-data/shards.js';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import type { DeliveryMode } from '../../../shared/bus/in-process-bus.js';
import type { Bar } from '../../../shared/domain/bar.js';
import { encodeMessage, readPushMessage } from '../../../shared/messages/envelope.js';
import { MarketBarsSchema } from '../../../shared/messages/market-bars.js';
import { scanRequestKind, ScanRequestSchema } from '../../../shared/messages/scan-request.js';
import { TOPICS } from '../../../shared/messages/topics.js';
import type { MarketDataSource } from '../../../shared/market-data/market-data-source.port.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import type { StateStore } from '../../../shared/store/store.port.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import type { AlpacaServer } from '../../servers/alpaca-server.js';
import { pushEventFor } from '../../../shared/testing/events.js';
import { letters, sourceFor, syntheticDaily } from '../../shared/market-data/alpaca-fixture.js';

const DAY_MS = 86_400_000;
const firstAsOf = new Date('2024-03-05T15:00:00Z');
const nextAsOf = new Date(firstAsOf.getTime() + DAY_MS);
const SIZE = 100;

// 130 crypto pairs and 320 equities, daily bars up to the one still forming at the second scan.
const crypto: Record<string, Bar[]> = {};
const stocks: Record<string, Bar[]> = {};
for (let i = 0; i < 130; i++) crypto[`C${letters(i)}/USD`] = syntheticDaily(i, nextAsOf, 420, false);
for (let i = 0; i < 320; i++) stocks[`S${letters(i)}`] = syntheticDaily(i, nextAsOf, 600, true);
// Interleaved, as a person might list them: the shards regroup them by asset class.
const symbols = Object.keys(stocks).flatMap((stock, i) => [stock, ...(i < 130 ? [`C${letters(i)}/USD`] : [])]);

test('shards: never more than the size, never two asset classes, every symbol once, the same cut every time', (t) => {
  const shards = planShards(symbols, SIZE);
  t.is(shards.length, Math.ceil(130 / SIZE) + Math.ceil(320 / SIZE));
  t.true(shards.every((shard) => shard.length >= 1 && shard.length <= SIZE));
  t.true(shards.every((shard) => new Set(shard.map((symbol) => symbol.includes('/'))).size === 1));
  t.deepEqual(shards.flat().toSorted(), symbols.toSorted());
  t.deepEqual(planShards(symbols, SIZE), shards);
  t.deepEqual(planShards(symbols.slice(0, SIZE), SIZE).length, 2, 'a mixed list of one size still splits by class');
});

test('shard ids are deterministic and always fit a request id', (t) => {
  t.is(shardId('daily-equity@2024-03-05T21:15:00.000Z', 2, 55), 'daily-equity@2024-03-05T21:15:00.000Z#3/55');
  const long = 'x'.repeat(200);
  t.is(shardId(long, 0, 3), shardId(long, 0, 3));
  t.not(shardId(long, 0, 3), shardId(`${long.slice(1)}y`, 0, 3));
  const scan = {
    parentRequestId: long,
    timeframe: '1Day',
    universe: 'all',
    asOf: firstAsOf,
    symbols,
    size: SIZE,
    count: 5,
  } as const;
  t.true(ScanRequestSchema.safeParse(shardRequest(scan, 4)).success, 'a shard of a 200-character id still decodes');
});

test('a scan without shard fields (as published before sharding) still decodes; bad shard fields are named', (t) => {
  t.true(
    ScanRequestSchema.safeParse({ schemaVersion: 1, timeframe: '1Day', universe: 'crypto', asOf: '2024-03-05T00:00:00Z' })
      .success,
  );
  const bad = (shard: unknown, withSymbols = true) =>
    ScanRequestSchema.safeParse({
      schemaVersion: 1,
      timeframe: '1Day',
      universe: 'all',
      ...(withSymbols ? { symbols: ['SPY'] } : {}),
      shard,
    }).error?.issues.map((issue) => issue.path.join('.'));
  t.deepEqual(bad({ parentRequestId: 'p', index: 3, count: 3, size: 1 }), ['shard.index']);
  t.deepEqual(bad({ parentRequestId: 'p', index: 0, count: 1, size: 0 }), ['shard.size']);
  t.deepEqual(bad({ parentRequestId: 'p', index: 0, count: 1, size: 1 }, false), ['symbols']);
});

test('the whole market fits one scan message: 20,000 symbols within the payload bound, one more is refused by name', (t) => {
  const many = Array.from({ length: 20_000 }, (_, i) => `${letters(i % 17_576)}${letters(Math.floor(i / 17_576))}`.slice(0, 5));
  const scan = {
    parentRequestId: 'p',
    timeframe: '1Day',
    universe: 'equity',
    asOf: firstAsOf,
    symbols: many,
    size: 200,
    count: 100,
  } as const;
  const message = encodeMessage(scanRequestKind, shardRequest(scan, 99));
  t.true(message.data.length < 8 * 1024 * 1024);
  const error = t.throws(() => encodeMessage(scanRequestKind, { ...shardRequest(scan, 0), symbols: [...many, 'ZZZZ'] }));
  t.regex(error?.message ?? '', /symbols/);
});

interface Run {
  readonly bars: Map<string, number>;
  /** Scan requests published (the scan and its shards). */
  readonly scanRequests: number;
  readonly barRequests: number;
  readonly largestRequest: number;
}

async function scanThrough(
  server: AlpacaServer,
  store: StateStore,
  asOf: Date,
  options: {
    mode?: DeliveryMode;
    requestId?: string;
    inject?: (source: MarketDataSource) => void;
    injectBus?: (bus: InProcessBus) => void;
  } = {},
): Promise<Run> {
  const bus = new InProcessBus(options.mode);
  const { source, capture } = sourceFor(server, { ledger: store, now: () => asOf });
  options.inject?.(source);
  const handler = createFetchMarketData({
    bus,
    log: capture.logger,
    now: () => asOf,
    maxEventAgeMs: DAY_MS,
    source,
    universe: { crypto: [], equity: [] },
    shards: { size: SIZE, claims: store },
  });
  const scanIds = new Set<string>();
  bus.subscribe({ name: 'fetch', topic: TOPICS.scanRequests }, async (event) => {
    scanIds.add(readPushMessage(event).messageId);
    await handler(event);
  });
  // Published MarketBars per symbol (a message delivered twice counts once: its id is the same).
  const published = new Map<string, Set<string>>();
  bus.subscribe({ name: 'bars', topic: TOPICS.marketBars }, async (event) => {
    const message = readPushMessage(event);
    const { symbol } = MarketBarsSchema.parse(JSON.parse(Buffer.from(message.data, 'base64').toString()));
    published.set(symbol, (published.get(symbol) ?? new Set()).add(message.messageId));
  });
  options.injectBus?.(bus);
  const mark = server.requests.length;
  const payload = {
    schemaVersion: 1,
    timeframe: '1Day',
    universe: 'all',
    symbols,
    asOf: asOf.toISOString(),
    requestId: options.requestId ?? `scan@${asOf.toISOString()}`,
  } as const;
  await bus.publish(TOPICS.scanRequests, encodeMessage(scanRequestKind, payload));
  await bus.drain();
  const requests = server.requests.slice(mark).filter((request) => request.endpoint.endsWith('-bars'));
  return {
    bars: new Map([...published].map(([symbol, ids]) => [symbol, ids.size])),
    scanRequests: scanIds.size,
    barRequests: requests.length,
    largestRequest: Math.max(0, ...requests.map((request) => (request.query.get('symbols') ?? '').split(',').length)),
  };
}

async function fixture(t: ExecutionContext) {
  const server = await startAlpacaServer({ crypto, stocks });
  t.teardown(() => server.close());
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(() => store.close());
  return { server, store };
}

const shardCount = Math.ceil(130 / SIZE) + Math.ceil(320 / SIZE);

test('a large scan runs as a chain of shards: every symbol published once, no request over the shard size; the next day one bar request per shard', async (t) => {
  const { server, store } = await fixture(t);
  const first = await scanThrough(server, store, firstAsOf);
  t.is(first.scanRequests, 1 + shardCount, 'the scan, then each shard once');
  t.deepEqual([...first.bars.keys()].toSorted(), symbols.toSorted());
  t.true([...first.bars.values()].every((count) => count === 1));
  t.true(first.largestRequest <= SIZE);

  const next = await scanThrough(server, store, nextAsOf);
  t.deepEqual([...next.bars.keys()].toSorted(), symbols.toSorted());
  t.is(next.barRequests, shardCount, `${next.barRequests} bar requests the next day`);
  t.true(next.barRequests <= Math.ceil(130 / SIZE) + Math.ceil(320 / SIZE));
});

test('a redelivered scan, and every shard delivered twice, scan no shard twice', async (t) => {
  const { server, store } = await fixture(t);
  const twice = await scanThrough(server, store, firstAsOf, { mode: { duplicate: true } });
  t.true(
    [...twice.bars.values()].every((count) => count === 1),
    'one MarketBars per symbol although each message came twice',
  );
  t.is(twice.bars.size, symbols.length);
  const coldRequests = twice.barRequests;

  const again = await scanThrough(server, store, firstAsOf);
  t.is(again.bars.size, 0, 'the same scan redelivered later publishes nothing');
  t.is(again.barRequests, 0, 'and asks Alpaca for nothing');
  t.is(again.scanRequests, 2, 'the scan and its first shard, found done');

  const { server: fresh, store: freshStore } = await fixture(t);
  const once = await scanThrough(fresh, freshStore, firstAsOf);
  t.is(coldRequests, once.barRequests, 'duplicates cost no Alpaca request');
});

test('a shard that fails still passes the chain on, releases its claim and is scanned by its redelivery', async (t) => {
  const { server, store } = await fixture(t);
  let calls = 0;
  const run = await scanThrough(server, store, firstAsOf, {
    inject: (source) => {
      const real = source.closedBars.bind(source);
      sinon.stub(source, 'closedBars').callsFake(async (request) => {
        // The second shard's first attempt fails as a store or network outage would.
        if (++calls === 2) throw new Error('transient outage');
        return real(request);
      });
    },
  });
  t.is(calls, shardCount + 1, 'every shard scanned once, the failed one twice');
  t.is(run.bars.size, symbols.length);
  t.true([...run.bars.values()].every((count) => count === 1));
  t.is(run.scanRequests, 1 + shardCount + 1, 'the next shard was published by the failure and again by the retry');
  const claims = await Promise.all(
    Array.from({ length: shardCount }, (_, i) =>
      store.getDelivery(`scan@${firstAsOf.toISOString()}#${i + 1}/${shardCount}`, 'scan-shard'),
    ),
  );
  t.true(claims.every((claim) => claim?.state === 'sent'));
});

test('a shard whose next shard cannot be published releases its claim; its redelivery scans again and passes the chain on', async (t) => {
  const { server, store } = await fixture(t);
  let scanPublishes = 0;
  const run = await scanThrough(server, store, firstAsOf, {
    injectBus: (bus) => {
      const publish = bus.publish.bind(bus);
      sinon.stub(bus, 'publish').callsFake(async (topic, message) => {
        // The scan, its first shard, then the first shard's hand-over to the second: that one fails once.
        if (topic === TOPICS.scanRequests && ++scanPublishes === 3) throw new Error('Pub/Sub unavailable');
        return publish(topic, message);
      });
    },
  });
  t.deepEqual([...run.bars.keys()].toSorted(), symbols.toSorted(), 'the chain reached every shard');
  const firstShard = planShards(symbols, SIZE)[0];
  t.true(
    firstShard.every((symbol) => run.bars.get(symbol) === 2),
    'the first shard was scanned again by its redelivery',
  );
  t.true(
    [...run.bars].filter(([symbol]) => !firstShard.includes(symbol)).every(([, count]) => count === 1),
    'every other shard once',
  );
  const claims = await Promise.all(
    Array.from({ length: shardCount }, (_, i) =>
      store.getDelivery(`scan@${firstAsOf.toISOString()}#${i + 1}/${shardCount}`, 'scan-shard'),
    ),
  );
  t.true(claims.every((claim) => claim?.state === 'sent'));
});

test('a shard whose claim an attempt that crashed still holds is redelivered, not acknowledged: scanned once the lease is over', async (t) => {
  const { server, store } = await fixture(t);
  const scan = {
    parentRequestId: 'crashed-scan',
    timeframe: '1Day',
    universe: 'all',
    asOf: firstAsOf,
    symbols,
    size: SIZE,
    count: shardCount,
  } as const;
  const first = shardRequest(scan, 0);
  // The attempt that crashed: it claimed the shard (lease: the function's timeout) and never released it.
  t.is(await store.claimDelivery(first.requestId ?? '', 'scan-shard', firstAsOf.toISOString(), 120_000), 'claimed');
  let clock = firstAsOf;
  const bus = new InProcessBus();
  const published: string[] = [];
  bus.subscribe(
    { name: 'bars', topic: TOPICS.marketBars },
    async (event) => void published.push(readPushMessage(event).messageId),
  );
  const { source, capture } = sourceFor(server, { ledger: store, now: () => clock });
  const handler = createFetchMarketData({
    bus,
    log: capture.logger,
    now: () => clock,
    maxEventAgeMs: DAY_MS,
    source,
    universe: { crypto: [], equity: [] },
    shards: { size: SIZE, claims: store },
  });
  const event = pushEventFor(scanRequestKind, first);
  await t.throwsAsync(() => handler(event), { instanceOf: DeliveryInProgressError }, 'thrown, so Pub/Sub redelivers it');
  await bus.drain();
  t.is(published.length, 0);
  clock = new Date(firstAsOf.getTime() + 121_000); // the redelivery after the crashed attempt's lease
  await handler(event);
  await bus.drain();
  t.is(published.length, planShards(symbols, SIZE)[0].length, 'the shard is scanned');
  t.like(await store.getDelivery(first.requestId ?? '', 'scan-shard'), { state: 'sent' });
});
