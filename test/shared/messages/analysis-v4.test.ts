import test from 'ava';
import { DecodeError } from '../../../shared/errors/errors.js';
import { ANALYSIS_SCHEMA_VERSION, AnalysisSchema, analysisKind } from '../../../shared/messages/analysis.js';
import { decodePushEvent, encodeMessage } from '../../../shared/messages/envelope.js';
import { pushEventFor, pushEventWithJson } from '../../../shared/testing/events.js';
import { makeAnalysis } from './message-factory.js';
import { readFloat64Columns } from './wire-columns.js';

// The engine's snapshots carry times as the bars and barCloseTime write them: no milliseconds when they are zero.
const noMs = (iso: string) => iso.replace('.000Z', 'Z');
const v2 = makeAnalysis();
const snapshots = v2.snapshots.map((s) => ({ ...s, timestamp: noMs(s.timestamp), closesAt: noMs(s.closesAt) }));
const v4 = { ...v2, schemaVersion: 4, snapshots } as const;

const wireOf = (payload: object) =>
  JSON.parse(encodeMessage(analysisKind, payload as typeof v4).data.toString('utf8')) as Record<string, unknown>;
const decode = (payload: object) => decodePushEvent(AnalysisSchema, pushEventFor(analysisKind, payload as typeof v4)).payload;

const readColumns = (base64: string, count: number) => readFloat64Columns(base64, 12, count);

test('generateSignals writes version 4', (t) => {
  t.is(ANALYSIS_SCHEMA_VERSION, 4);
  t.is(encodeMessage(analysisKind, v4).attributes.schemaVersion, '4');
});

test('version 4 carries the snapshots as float64 columns: times in epoch ms, prices, readings (NaN warming up), 1 or 0', (t) => {
  const wire = wireOf(v4);
  t.is(wire.schemaVersion, 4);
  const { count, f64le } = wire.snapshots as { count: number; f64le: string };
  t.is(count, snapshots.length);
  t.deepEqual(readColumns(f64le, count), [
    snapshots.map((s) => Date.parse(s.timestamp)),
    snapshots.map((s) => Date.parse(s.closesAt)),
    snapshots.map((s) => s.open),
    snapshots.map((s) => s.high),
    snapshots.map((s) => s.low),
    snapshots.map((s) => s.close),
    snapshots.map((s) => s.atr),
    snapshots.map((s) => s.chandelierLong),
    snapshots.map((s) => s.rsi),
    snapshots.map((s) => s.adx),
    snapshots.map((s) => s.adxPrevious),
    snapshots.map((s) => (s.bearishEngulfing ? 1 : 0)),
  ]);
});

test('version 4 decodes to the very snapshots it was written from, NaN readings included, as version 3 does', (t) => {
  const decoded = decode(v4);
  t.deepEqual(decoded, v4);
  t.true(decoded.schemaVersion !== 1 && Number.isNaN(decoded.snapshots[1].adxPrevious));
  const v3 = decode({ ...v4, schemaVersion: 3 });
  t.is(v3.schemaVersion, 3);
  t.deepEqual({ ...v3, schemaVersion: 4 }, decoded);
});

test('snapshots whose times epoch milliseconds would not give back unchanged are written as version 2, and read the same', (t) => {
  const withMs = { ...v4, snapshots: v2.snapshots };
  t.is(wireOf(withMs).schemaVersion, 2);
  t.deepEqual(decode(withMs), { ...withMs, schemaVersion: 2 });
});

function refused(snapshotsOnWire: unknown): DecodeError {
  const wire = { ...wireOf(v4), snapshots: snapshotsOnWire };
  try {
    decodePushEvent(AnalysisSchema, pushEventWithJson(wire));
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('the analysis was not refused');
}

function withValue(column: number, snapshot: number, value: number): { count: number; f64le: string } {
  const { count, f64le } = wireOf(v4).snapshots as { count: number; f64le: string };
  const bytes = Buffer.from(f64le, 'base64');
  bytes.writeDoubleLE(value, 8 * (column * count + snapshot));
  return { count, f64le: bytes.toString('base64') };
}

test('bad binary snapshots are refused naming the field, the snapshot and the column', (t) => {
  const { count, f64le } = wireOf(v4).snapshots as { count: number; f64le: string };
  t.regex(
    refused({ count: count + 1, f64le }).message,
    /field "snapshots.f64le" .*has \d+ characters where 3 snapshots take \d+/,
  );
  t.regex(refused({ count, f64le: `!!!!${f64le.slice(4)}` }).message, /field "snapshots.f64le" .*is not base64/);
  t.regex(refused(withValue(5, 1, Number.NaN)).message, /snapshot 1: close NaN is not a finite number/);
  t.regex(refused(withValue(8, 0, Number.POSITIVE_INFINITY)).message, /snapshot 0: rsi Infinity is not a finite number or NaN/);
  t.regex(refused(withValue(0, 0, 1.5)).message, /snapshot 0: timestampMs 1.5 is not a whole number of epoch milliseconds/);
  t.regex(refused(withValue(11, 1, 2)).message, /snapshot 1: bearishEngulfing 2 is not 0 or 1/);
  t.regex(
    refused(withValue(0, 1, Date.parse(snapshots[0].timestamp))).message,
    /snapshot 1: timestampMs must be in strictly ascending order/,
  );
  t.is(refused({ count: 0, f64le: '' }).field, 'snapshots.count');
  t.is(refused({ f64le }).field, 'snapshots.count');
});
