import test from 'ava';
import { DecodeError } from '../../../shared/errors/errors.js';
import { decodePushEvent } from '../../../shared/messages/envelope.js';
import { jsonDepth, MESSAGE_LIMITS, nestsDeeperThan } from '../../../shared/messages/limits.js';
import { MarketBarsSchema } from '../../../shared/messages/market-bars.js';
import { ScanRequestSchema } from '../../../shared/messages/scan-request.js';
import { pushEventWithData, pushEventWithJson } from '../../../shared/testing/events.js';
import { makeMarketBars, makeScanRequest } from './message-factory.js';

const pairs = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `X${i.toString(36).toUpperCase().padStart(4, 'A')}/USD`);

test('a ScanRequest may list the whole market (20,000 symbols) and not one more; the error names the field', (t) => {
  t.is(
    decodePushEvent(ScanRequestSchema, pushEventWithJson(makeScanRequest({ symbols: pairs(MESSAGE_LIMITS.symbolsPerScan) })))
      .payload.symbols?.length,
    20_000,
  );
  const error = t.throws(
    () =>
      decodePushEvent(
        ScanRequestSchema,
        pushEventWithJson(makeScanRequest({ symbols: pairs(MESSAGE_LIMITS.symbolsPerScan + 1) })),
      ),
    {
      instanceOf: DecodeError,
    },
  );
  t.is(error.field, 'symbols');
  t.regex(error.message, /20000/);
});

test('a MarketBars message carries at most 20,000 bars; the error names the field', (t) => {
  const base = makeMarketBars();
  const bar = base.bars[0];
  const bars = Array.from({ length: MESSAGE_LIMITS.barsPerMessage + 1 }, () => bar);
  const error = t.throws(() => decodePushEvent(MarketBarsSchema, pushEventWithJson({ ...base, bars })), {
    instanceOf: DecodeError,
  });
  t.is(error.field, 'bars');
});

test('a payload over 8 MiB is refused on message.data before it is decoded', (t) => {
  const big = Buffer.alloc(MESSAGE_LIMITS.payloadBytes + 1024, 0x20);
  const error = t.throws(() => decodePushEvent(ScanRequestSchema, pushEventWithData(big)), { instanceOf: DecodeError });
  t.is(error.field, 'message.data');
  t.regex(error.message, /more than the 8388608 a message may carry/);
});

test('a payload nested deeper than 32 is refused on message.data; brackets inside strings do not count', (t) => {
  const deep = `${'['.repeat(MESSAGE_LIMITS.depth + 1)}${']'.repeat(MESSAGE_LIMITS.depth + 1)}`;
  const error = t.throws(() => decodePushEvent(ScanRequestSchema, pushEventWithData(Buffer.from(deep))), {
    instanceOf: DecodeError,
  });
  t.is(error.field, 'message.data');
  t.regex(error.message, /more than 32 deep/);
  t.is(jsonDepth('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"]]]"}'), 1);
  t.is(jsonDepth('[[{"a":[1]}]]'), 4);
  const ok = decodePushEvent(ScanRequestSchema, pushEventWithJson(makeScanRequest())).payload;
  t.is(ok.schemaVersion, 1, 'ordinary messages pass');
});

test('nestsDeeperThan says what jsonDepth says, few brackets or many', (t) => {
  const columns = JSON.stringify({ bars: { t: [1, 2], o: [3, 4] }, tags: ['[', '{'] });
  const records = JSON.stringify({ bars: Array.from({ length: 40 }, (_, i) => ({ i, nested: [[i]] })) });
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const inStrings = JSON.stringify({ a: '['.repeat(40), b: [[1]] });
  for (const text of [columns, records, deep(3), deep(4), deep(5), inStrings, '1', '"text"']) {
    for (const limit of [3, 4, 32])
      t.is(nestsDeeperThan(text, limit), jsonDepth(text, limit) > limit, `${text.slice(0, 40)} / ${limit}`);
  }
});
