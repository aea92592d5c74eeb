import test from 'ava';
import { createFetchMarketData, MarketDataUnavailableError } from '../../../functions/fetch-market-data/index.js';
import { InProcessBus } from '../../../shared/bus/in-process-bus.js';
import { readPushMessage } from '../../../shared/messages/envelope.js';
import { scanRequestKind } from '../../../shared/messages/scan-request.js';
import { TOPICS } from '../../../shared/messages/topics.js';
import { pushEventFor } from '../../../shared/testing/events.js';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import type { AlpacaFault } from '../../servers/alpaca-server.js';
import { bundled, sourceFor } from '../../shared/market-data/alpaca-fixture.js';

const asOf = new Date('2019-06-03T12:00:00Z');

async function scanWith(faults: AlpacaFault[]) {
  const server = await startAlpacaServer({ crypto: { 'BTC/USD': bundled('BTC/USD') }, stocks: { SPY: bundled('SPY') }, faults });
  const bus = new InProcessBus();
  const published: string[] = [];
  bus.subscribe(
    { name: 'bars', topic: TOPICS.marketBars },
    async (event) => void published.push(readPushMessage(event).attributes.symbol ?? ''),
  );
  const { source, capture } = sourceFor(server);
  const handler = createFetchMarketData({
    bus,
    log: capture.logger,
    now: () => asOf,
    maxEventAgeMs: 86_400_000,
    source,
    universe: { crypto: [], equity: [] },
  });
  const event = pushEventFor(scanRequestKind, {
    schemaVersion: 1,
    timeframe: '1Day',
    universe: 'all',
    symbols: ['BTC/USD', 'SPY'],
    asOf: asOf.toISOString(),
    requestId: 'scan-under-fault',
  });
  const completed = () => capture.entries().filter((line) => line.event === 'scan.completed').length;
  return { server, bus, published, handler, event, completed };
}

test('bars Alpaca could not serve for a reason that may pass (5xx after the retries): what came is published, the scan is redelivered', async (t) => {
  const run = await scanWith([{ endpoint: 'stock-bars', kind: 'server-error', times: 4 }]);
  t.teardown(() => run.server.close());
  const error = await t.throwsAsync(() => run.handler(run.event), { instanceOf: MarketDataUnavailableError });
  t.regex(error?.message ?? '', /bars of 1 of 2 symbols could not be fetched \(SPY: .*HTTP 500/);
  await run.bus.drain();
  t.deepEqual(run.published, ['BTC/USD'], 'the crypto bars are not held back');
  t.is(run.completed(), 0, 'no scan.completed: the silence alert still counts this scan as missing');
  // The redelivery, once Alpaca answers again.
  await run.handler(run.event);
  await run.bus.drain();
  t.deepEqual(run.published.toSorted(), ['BTC/USD', 'BTC/USD', 'SPY']);
  t.is(run.completed(), 1);
});

test('a refusal that will not pass (an unreadable body) skips its symbols and completes the scan, as before', async (t) => {
  const run = await scanWith([{ endpoint: 'stock-bars', kind: 'malformed', times: 4 }]);
  t.teardown(() => run.server.close());
  await run.handler(run.event);
  await run.bus.drain();
  t.deepEqual(run.published, ['BTC/USD']);
  t.is(run.completed(), 1);
});
