import test from 'ava';
import type { z } from 'zod';
import { DecodeError } from '../../../shared/errors/errors.js';
import { AnalysisSchema } from '../../../shared/messages/analysis.js';
import { decodePushEvent } from '../../../shared/messages/envelope.js';
import { SignalEventSchema } from '../../../shared/messages/events.js';
import { MarketBarsSchema } from '../../../shared/messages/market-bars.js';
import { ScanRequestSchema } from '../../../shared/messages/scan-request.js';
import { pushEventWithData, pushEventWithJson } from '../../../shared/testing/events.js';
import type { PushCloudEvent } from '../../../shared/testing/events.js';
import { makeAnalysis, makeAnalysisV1, makeCreatedEvent, makeMarketBars, makeScanRequest } from './message-factory.js';

const bars = makeMarketBars();
const withBar = (index: number, patch: Record<string, unknown>) =>
  pushEventWithJson({ ...bars, bars: bars.bars.map((bar, i) => (i === index ? { ...bar, ...patch } : bar)) });
const { schemaVersion: _omitted, ...unversioned } = makeScanRequest();

/** [what is wrong, schema, event, field named, message]. */
const rows: [string, z.ZodType, PushCloudEvent, string, string][] = [
  [
    'a timeframe in the wrong notation',
    ScanRequestSchema,
    pushEventWithJson({ ...makeScanRequest(), timeframe: '1D' }),
    'timeframe',
    'field "timeframe" is invalid: expected one of 1Day|4Hour|1Hour, got "1D"',
  ],
  [
    'a lower-case universe',
    ScanRequestSchema,
    pushEventWithJson({ ...makeScanRequest(), universe: 'CRYPTO' }),
    'universe',
    'field "universe" is invalid: expected one of crypto|equity|all, got "CRYPTO"',
  ],
  [
    'an empty symbol list',
    ScanRequestSchema,
    pushEventWithJson(makeScanRequest({ symbols: [] })),
    'symbols',
    'field "symbols" must not be empty',
  ],
  [
    'a lower-case symbol',
    ScanRequestSchema,
    pushEventWithJson(makeScanRequest({ symbols: ['BTC/USD', 'eth/usd'] })),
    'symbols.1',
    'field "symbols.1" is invalid: expected an upper-case symbol such as "BTC/USD" or "SPY", got "eth/usd"',
  ],
  [
    'an equity in a crypto scan',
    ScanRequestSchema,
    pushEventWithJson(makeScanRequest({ symbols: ['SPY'] })),
    'symbols.0',
    'field "symbols.0" is invalid: "SPY" is not a crypto pair (universe "crypto")',
  ],
  [
    'a misspelt key',
    ScanRequestSchema,
    pushEventWithJson({ ...makeScanRequest(), symbol: 'BTC/USD' }),
    'symbol',
    'field "symbol" is not a known field',
  ],
  [
    'no schemaVersion',
    ScanRequestSchema,
    pushEventWithJson(unversioned),
    'schemaVersion',
    'field "schemaVersion" is missing: expected 1',
  ],
  [
    'schemaVersion 2',
    ScanRequestSchema,
    pushEventWithJson({ ...makeScanRequest(), schemaVersion: 2 }),
    'schemaVersion',
    'field "schemaVersion" is invalid: expected 1, got 2',
  ],
  [
    'an asOf without a zone',
    ScanRequestSchema,
    pushEventWithJson(makeScanRequest({ asOf: '2024-03-04 12:00' })),
    'asOf',
    'field "asOf" is invalid: expected an ISO-8601 UTC time such as "2024-03-04T08:00:00Z", got "2024-03-04 12:00"',
  ],
  [
    'an asOf on a day that does not exist',
    ScanRequestSchema,
    pushEventWithJson(makeScanRequest({ asOf: '2023-02-29T00:00:00Z' })),
    'asOf',
    'field "asOf" is invalid: expected an ISO-8601 UTC time such as "2024-03-04T08:00:00Z", got "2023-02-29T00:00:00Z"',
  ],
  [
    'a NaN close (null in JSON)',
    MarketBarsSchema,
    withBar(2, { close: Number.NaN }),
    'bars.2.close',
    'field "bars.2.close" is invalid: expected a finite number, got null',
  ],
  [
    'an infinite high',
    MarketBarsSchema,
    pushEventWithData(Buffer.from(JSON.stringify(bars).replace('"high":61900', '"high":1e999'))),
    'bars.0.high',
    'field "bars.0.high" is invalid: expected a finite number, got Infinity',
  ],
  [
    'a price sent as a string',
    MarketBarsSchema,
    withBar(1, { open: '61250' }),
    'bars.1.open',
    'field "bars.1.open" is invalid: expected a finite number, got "61250"',
  ],
  [
    'a negative volume',
    MarketBarsSchema,
    withBar(0, { volume: -1 }),
    'bars.0.volume',
    'field "bars.0.volume" is invalid: expected at least 0, got -1',
  ],
  [
    'a bar without a timestamp',
    MarketBarsSchema,
    withBar(0, { timestamp: undefined }),
    'bars.0.timestamp',
    'field "bars.0.timestamp" is missing: expected an ISO-8601 UTC time such as "2024-03-04T08:00:00Z"',
  ],
  [
    'a price in a snapshot sent as null',
    AnalysisSchema,
    pushEventWithJson({
      ...makeAnalysis(),
      snapshots: [makeAnalysis().snapshots[0], { ...makeAnalysis().snapshots[1], low: null }],
    }),
    'snapshots.1.low',
    'field "snapshots.1.low" is invalid: expected a finite number, got null',
  ],
  [
    'a version-1 snapshot price sent as null',
    AnalysisSchema,
    pushEventWithJson({ ...makeAnalysisV1(), snapshot: { ...makeAnalysisV1().snapshot, low: null } }),
    'snapshot.low',
    'field "snapshot.low" is invalid: expected a finite number, got null',
  ],
  [
    'snapshots out of order',
    AnalysisSchema,
    pushEventWithJson({ ...makeAnalysis(), snapshots: [...makeAnalysis().snapshots].reverse() }),
    'snapshots',
    'field "snapshots" is invalid: must be in strictly ascending timestamp order',
  ],
  [
    'an unknown analysis version',
    AnalysisSchema,
    pushEventWithJson({ ...makeAnalysis(), schemaVersion: 5 }),
    'schemaVersion',
    'field "schemaVersion" is invalid',
  ],
  [
    'an unknown event type',
    SignalEventSchema,
    pushEventWithJson({ ...makeCreatedEvent(), type: 'signal.opened' }),
    'type',
    'field "type" is invalid: expected one of signal.created|signal.rejected|signal.tp1|signal.tp2|signal.tp3|signal.stopped|signal.invalidated|signal.expired|signal.trailed|signal.gap, got "signal.opened"',
  ],
  [
    'an event whose symbol disagrees with its signal',
    SignalEventSchema,
    pushEventWithJson({ ...makeCreatedEvent(), symbol: 'ETH/USD' }),
    'symbol',
    'field "symbol" is invalid: does not match signal.symbol "BTC/USD"',
  ],
  [
    'an event id that is not a UUID',
    SignalEventSchema,
    pushEventWithJson({ ...makeCreatedEvent(), eventId: 'evt-1' }),
    'eventId',
    'field "eventId" is invalid: expected a UUID, got "evt-1"',
  ],
  [
    'empty data',
    MarketBarsSchema,
    pushEventWithData(''),
    'message.data',
    'field "message.data" is empty: every message must carry a JSON payload',
  ],
  [
    'data that is not base64',
    MarketBarsSchema,
    pushEventWithData('{"symbol":"BTC/USD"}'),
    'message.data',
    'field "message.data" is not base64',
  ],
  [
    'data that is not JSON',
    MarketBarsSchema,
    pushEventWithData(Buffer.from('symbol=BTC/USD')),
    'message.data',
    'field "message.data" is not JSON',
  ],
  [
    'data that is not UTF-8',
    MarketBarsSchema,
    pushEventWithData(Buffer.from([0xff, 0xfe, 0x7b])),
    'message.data',
    'field "message.data" is not UTF-8 text',
  ],
  [
    'data that is JSON null',
    MarketBarsSchema,
    pushEventWithJson(null),
    'message.data',
    'field "message.data" is invalid: expected an object, got null',
  ],
  [
    'data that is a JSON array',
    AnalysisSchema,
    pushEventWithJson([makeAnalysis()]),
    'message.data',
    'field "message.data" is invalid: expected an object, got an array',
  ],
];

for (const [wrong, schema, event, field, message] of rows) {
  test(`${wrong} is refused with an error naming "${field}"`, (t) => {
    const error = t.throws(() => decodePushEvent(schema, event), { instanceOf: DecodeError });
    t.is(error.field, field);
    t.is(error.code, 'MESSAGE.BAD_FIELD');
    t.true(error.message.startsWith(message), `${error.message}\n  does not start with\n${message}`);
  });
}

test('several bad fields are each named in one error', (t) => {
  const event = pushEventWithJson({ ...makeScanRequest(), timeframe: '1D', universe: 'Crypto', asOf: 'yesterday' });
  const error = t.throws(() => decodePushEvent(ScanRequestSchema, event), { instanceOf: DecodeError });
  t.deepEqual(
    error.problems.map((problem) => problem.field),
    ['timeframe', 'universe', 'asOf'],
  );
  t.regex(error.message, /^3 fields are invalid: field "timeframe" .*; field "universe" .*; field "asOf" /);
});

test('a push event without a message is refused as empty data', (t) => {
  const error = t.throws(() => decodePushEvent(MarketBarsSchema, { data: { subscription: 'projects/p/subscriptions/s' } }), {
    instanceOf: DecodeError,
  });
  t.is(error.field, 'message.data');
});
