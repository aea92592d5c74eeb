import test from 'ava';
import { analysisKind, lifecycleBars } from '../../../shared/messages/analysis.js';
import { decodePushEvent, encodeMessage } from '../../../shared/messages/envelope.js';
import { signalEventKind } from '../../../shared/messages/events.js';
import { marketBarsKind } from '../../../shared/messages/market-bars.js';
import type { MessageKind } from '../../../shared/messages/message-kind.js';
import { scanRequestKind } from '../../../shared/messages/scan-request.js';
import { PUBSUB_EVENT_TYPE, pushEventFor, pushEventOf } from '../../../shared/testing/events.js';
import { DecodeError } from '../../../shared/errors/errors.js';
import {
  makeAnalysis,
  makeCreatedEvent,
  makeMarketBars,
  makeRejectedEvent,
  makeScanRequest,
  makeTp1Event,
} from './message-factory.js';

const rows: [string, MessageKind, unknown][] = [
  ['a scan request', scanRequestKind, makeScanRequest()],
  ['a scan request without optional fields', scanRequestKind, { schemaVersion: 1, timeframe: '1Day', universe: 'all' }],
  ['a market-bars message', marketBarsKind, makeMarketBars()],
  ['an analysis', analysisKind, makeAnalysis()],
  ['a signal.created event', signalEventKind, makeCreatedEvent()],
  ['a signal.rejected event', signalEventKind, makeRejectedEvent()],
  ['a signal.tp1 event', signalEventKind, makeTp1Event()],
];

for (const [name, kind, payload] of rows) {
  test(`${name} decodes to the payload that was published`, (t) => {
    const event = pushEventFor(kind, payload, { messageId: '2070443601311540', publishTime: '2024-03-04T12:00:05.123Z' });
    const decoded = decodePushEvent(kind.schema, event);
    t.deepEqual(decoded.payload, payload);
    t.is(decoded.messageId, '2070443601311540');
    t.is(decoded.publishTime, '2024-03-04T12:00:05.123Z');
    t.is(event.type, PUBSUB_EVENT_TYPE);
    t.is(event.source, `//pubsub.googleapis.com/projects/crypto-sentinel-local/topics/${kind.topic}`);
  });
}

test('a warm-up NaN reading travels as null and decodes back to NaN', (t) => {
  const analysis = makeAnalysis();
  const message = encodeMessage(analysisKind, analysis);
  t.regex(message.data.toString('utf8'), /"adxPrevious":null/);
  const decoded = decodePushEvent(analysisKind.schema, pushEventFor(analysisKind, analysis));
  const { bars } = lifecycleBars(decoded.payload);
  t.true(Number.isNaN(bars[1].adxPrevious), 'the lifecycle sees the same NaN the engine computed');
  t.is(bars[1].adx, analysis.snapshots[1].adx);
});

test('attributes carry type, symbol, asset class, timeframe and schema version as strings', (t) => {
  t.deepEqual(encodeMessage(signalEventKind, makeTp1Event()).attributes, {
    type: 'signal.tp1',
    symbol: 'BTC/USD',
    assetClass: 'CRYPTO',
    timeframe: '4Hour',
    schemaVersion: '1',
  });
  t.deepEqual(encodeMessage(marketBarsKind, makeMarketBars()).attributes, {
    type: 'market.bars',
    symbol: 'BTC/USD',
    assetClass: 'CRYPTO',
    timeframe: '4Hour',
    schemaVersion: '1',
  });
  t.deepEqual(encodeMessage(scanRequestKind, makeScanRequest()).attributes, {
    type: 'scan.request',
    timeframe: '4Hour',
    schemaVersion: '1',
  });
});

test('per-symbol topics are keyed by symbol and the others are not keyed', (t) => {
  t.is(encodeMessage(marketBarsKind, makeMarketBars({ symbol: 'ETH/USD' })).orderingKey, 'ETH/USD');
  t.is(encodeMessage(analysisKind, makeAnalysis()).orderingKey, 'BTC/USD');
  t.is(encodeMessage(signalEventKind, makeCreatedEvent()).orderingKey, undefined);
  t.is(encodeMessage(scanRequestKind, makeScanRequest()).orderingKey, undefined);
});

test('the push event carries the attributes and ordering key of the published message', (t) => {
  const event = pushEventFor(marketBarsKind, makeMarketBars());
  const decoded = decodePushEvent(marketBarsKind.schema, event);
  t.is(decoded.attributes.type, 'market.bars');
  t.is(event.data?.message.orderingKey, 'BTC/USD');
  t.is(decoded.subscription, 'projects/crypto-sentinel-local/subscriptions/market-bars-push');
});

test('encoding refuses a payload its consumer would dead-letter, naming the field', (t) => {
  const bad = { schemaVersion: 1, timeframe: '1Day', universe: 'all', symbols: ['btc/usd'] } as const;
  const error = t.throws(() => encodeMessage(scanRequestKind, bad));
  t.regex(error.message, /argument "payload\.symbols\.0"/);
});

test('bulk kinds skip the encode-time check; their consumer still rejects the bad field', (t) => {
  const bad = makeMarketBars({ bars: [{ ...makeMarketBars().bars[0], close: Number.POSITIVE_INFINITY }] });
  const event = pushEventOf(encodeMessage(marketBarsKind, bad));
  const error = t.throws(() => decodePushEvent(marketBarsKind.schema, event), { instanceOf: DecodeError });
  t.is(error?.field, 'bars.0.close');
});

test('the data of an encoded message is never empty', (t) => {
  for (const [, kind, payload] of rows) t.true(encodeMessage(kind, payload).data.length > 0);
});
