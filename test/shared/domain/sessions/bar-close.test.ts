import test from 'ava';
import type { Bar } from '../../../../shared/domain/bar.js';
import { barCloseTime, closedBars, marketOpenFrom, sessionDateOf } from '../../../../shared/domain/sessions/bar-close.js';
import { newYorkInstant } from '../../../../shared/domain/sessions/new-york-time.js';

const bar = (timestamp: string): Bar => ({ timestamp, open: 1, high: 1, low: 1, close: 1, volume: 1 });

test('session date: Alpaca stamps equity days at midnight New York, the bundled CSVs write the date at 00:00 UTC', (t) => {
  t.is(sessionDateOf('2024-03-05T05:00:00Z'), '2024-03-05', 'EST');
  t.is(sessionDateOf('2024-07-05T04:00:00Z'), '2024-07-05', 'EDT');
  t.is(sessionDateOf('2024-03-05T00:00:00Z'), '2024-03-05', 'bundled');
  t.is(sessionDateOf('2024-03-05T14:30:00Z'), '2024-03-05');
});

test('New York wall-clock times across daylight saving', (t) => {
  t.is(new Date(newYorkInstant('2024-03-08', '16:00')).toISOString(), '2024-03-08T21:00:00.000Z');
  t.is(new Date(newYorkInstant('2024-03-11', '16:00')).toISOString(), '2024-03-11T20:00:00.000Z');
  t.is(new Date(newYorkInstant('2024-11-01', '16:00')).toISOString(), '2024-11-01T20:00:00.000Z');
  t.is(new Date(newYorkInstant('2024-11-04', '16:00')).toISOString(), '2024-11-04T21:00:00.000Z');
});

test('an equity daily bar closes at 16:00 New York, 13:00 on an early-close day, whatever its source stamp', (t) => {
  t.is(barCloseTime(bar('2024-03-05T00:00:00Z'), '1Day', 'EQUITY'), '2024-03-05T21:00:00Z');
  t.is(barCloseTime(bar('2024-03-05T05:00:00Z'), '1Day', 'EQUITY'), '2024-03-05T21:00:00Z');
  t.is(barCloseTime(bar('2024-07-03T04:00:00Z'), '1Day', 'EQUITY'), '2024-07-03T17:00:00Z');
  t.is(barCloseTime(bar('2024-11-29T00:00:00Z'), '1Day', 'EQUITY'), '2024-11-29T18:00:00Z');
});

test('a crypto bar closes at its open plus its length, whatever its alignment', (t) => {
  t.is(barCloseTime(bar('2024-03-05T00:00:00Z'), '1Day', 'CRYPTO'), '2024-03-06T00:00:00Z');
  t.is(barCloseTime(bar('2022-03-08T06:00:00Z'), '1Day', 'CRYPTO'), '2022-03-09T06:00:00Z', 'the old Chicago-midnight alignment');
  t.is(barCloseTime(bar('2024-03-05T20:00:00Z'), '4Hour', 'CRYPTO'), '2024-03-06T00:00:00Z');
});

test('an equity intraday bar closes at its open plus its length, even past the session close (extended hours trade on)', (t) => {
  t.is(barCloseTime(bar('2024-07-03T14:30:00Z'), '1Hour', 'EQUITY'), '2024-07-03T15:30:00Z');
  t.is(barCloseTime(bar('2024-07-03T16:00:00Z'), '4Hour', 'EQUITY'), '2024-07-03T20:00:00Z', 'an early-close day');
  t.is(barCloseTime(bar('2024-01-10T00:00:00Z'), '4Hour', 'EQUITY'), '2024-01-10T04:00:00Z', '19:00–23:00 New York');
  t.is(barCloseTime(bar('2024-01-09T20:00:00Z'), '4Hour', 'EQUITY'), '2024-01-10T00:00:00Z', 'runs past 16:00');
  const bars = [bar('2024-07-02T19:00:00Z'), bar('2024-07-02T20:00:00Z'), bar('2024-07-02T21:00:00Z')];
  t.is(closedBars(bars, '1Hour', 'EQUITY', new Date('2024-07-02T20:10:00Z')).length, 1, 'the after-hours bar is forming');
});

test('closed bars: the equity day is forming until its session close, a day after it is not needed', (t) => {
  const bars = [bar('2024-03-04T05:00:00Z'), bar('2024-03-05T05:00:00Z')];
  t.is(closedBars(bars, '1Day', 'EQUITY', new Date('2024-03-05T20:59:59Z')).length, 1);
  t.is(closedBars(bars, '1Day', 'EQUITY', new Date('2024-03-05T21:00:00Z')).length, 2);
  const early = [bar('2024-11-29T00:00:00Z')];
  t.is(closedBars(early, '1Day', 'EQUITY', new Date('2024-11-29T17:59:59Z')).length, 0);
  t.is(closedBars(early, '1Day', 'EQUITY', new Date('2024-11-29T18:00:00Z')).length, 1, 'an early close is a close');
  const crypto = [bar('2024-03-04T00:00:00Z'), bar('2024-03-05T00:00:00Z')];
  t.is(closedBars(crypto, '1Day', 'CRYPTO', new Date('2024-03-05T23:59:59Z')).length, 1);
  t.is(closedBars(crypto, '1Day', 'CRYPTO', new Date('2024-03-06T00:00:00Z')).length, 2);
});

test('the market is open from: the instant itself in a session, else the next open (weekends and holidays skipped)', (t) => {
  const at = (iso: string) => new Date(marketOpenFrom(Date.parse(iso))).toISOString();
  t.is(at('2024-03-05T15:00:00Z'), '2024-03-05T15:00:00.000Z', 'Tuesday 10:00 New York: open');
  t.is(at('2024-03-05T12:00:00Z'), '2024-03-05T14:30:00.000Z', 'before the open: 09:30 that day');
  t.is(at('2024-03-08T21:15:00Z'), '2024-03-11T13:30:00.000Z', 'Friday after the close: Monday 09:30 (EDT by then)');
  t.is(at('2024-03-28T20:30:00Z'), '2024-04-01T13:30:00.000Z', 'Thursday after the close, Good Friday closed');
  t.is(at('2024-11-29T18:30:00Z'), '2024-12-02T14:30:00.000Z', 'after the 13:00 close of an early-close day');
});
