import test from 'ava';
import { DecodeError } from '../../../shared/errors/errors.js';
import { AnalysisSchema, analysisKind } from '../../../shared/messages/analysis.js';
import type { AnalysisV2 } from '../../../shared/messages/analysis.js';
import { decodePushEvent, encodeMessage } from '../../../shared/messages/envelope.js';
import { pushEventFor, pushEventWithJson } from '../../../shared/testing/events.js';
import { makeAnalysis } from './message-factory.js';

// The engine's snapshots carry times as the bars and barCloseTime write them: no milliseconds when they are zero.
const noMs = (iso: string) => iso.replace('.000Z', 'Z');
const v2 = makeAnalysis();
const snapshots = v2.snapshots.map((s) => ({ ...s, timestamp: noMs(s.timestamp), closesAt: noMs(s.closesAt) }));
const v3 = { ...v2, schemaVersion: 3, snapshots } as const;
const asV2: AnalysisV2 = { ...v3, schemaVersion: 2 };

const wireOf = (payload: object) =>
  JSON.parse(encodeMessage(analysisKind, payload as typeof v3).data.toString('utf8')) as Record<string, unknown>;
const decode = (payload: object) => decodePushEvent(AnalysisSchema, pushEventFor(analysisKind, payload as typeof v3)).payload;

test('version 3 carries the snapshots as columns, times in epoch milliseconds and warm-up readings as null', (t) => {
  const wire = wireOf(v3);
  t.is(wire.schemaVersion, 3);
  t.deepEqual(wire.snapshots, {
    timestampMs: snapshots.map((s) => Date.parse(s.timestamp)),
    closesAtMs: snapshots.map((s) => Date.parse(s.closesAt)),
    open: snapshots.map((s) => s.open),
    high: snapshots.map((s) => s.high),
    low: snapshots.map((s) => s.low),
    close: snapshots.map((s) => s.close),
    atr: snapshots.map((s) => s.atr),
    chandelierLong: snapshots.map((s) => s.chandelierLong),
    rsi: snapshots.map((s) => s.rsi),
    adx: snapshots.map((s) => s.adx),
    adxPrevious: snapshots.map((s) => (Number.isNaN(s.adxPrevious) ? null : s.adxPrevious)),
    bearishEngulfing: snapshots.map((s) => s.bearishEngulfing),
  });
  t.is(encodeMessage(analysisKind, v3).attributes.schemaVersion, '3');
});

test('version 3 decodes to the very snapshots it was written from, NaN readings included', (t) => {
  const decoded = decode(v3);
  t.deepEqual(decoded, v3);
  t.true(decoded.schemaVersion !== 1 && Number.isNaN(decoded.snapshots[1].adxPrevious));
});

test('version 3 is smaller than the same analysis in version 2', (t) => {
  const v2Bytes = encodeMessage(analysisKind, asV2).data.length;
  const v3Bytes = encodeMessage(analysisKind, v3).data.length;
  t.true(v3Bytes < v2Bytes, `${v3Bytes} bytes in version 3, ${v2Bytes} in version 2`);
});

test('snapshots whose times epoch milliseconds would not give back unchanged are written as version 2, and read the same', (t) => {
  const withMs = { ...v3, snapshots: v2.snapshots };
  t.is(wireOf(withMs).schemaVersion, 2);
  t.is(encodeMessage(analysisKind, withMs).attributes.schemaVersion, '2');
  t.deepEqual(decode(withMs), { ...withMs, schemaVersion: 2 });
});

test('version 2 analyses, as deployed generateSignals wrote them, still decode to the same snapshots', (t) => {
  t.deepEqual(decode(asV2), asV2);
  t.is(wireOf(asV2).schemaVersion, 2);
});

function refused(columns: Record<string, unknown>): DecodeError {
  const wire = { ...wireOf(v3), snapshots: { ...(wireOf(v3).snapshots as object), ...columns } };
  const error = (() => {
    try {
      decodePushEvent(AnalysisSchema, pushEventWithJson(wire));
    } catch (thrown) {
      return thrown;
    }
    return undefined;
  })();
  if (!(error instanceof DecodeError)) throw new Error('the analysis was not refused');
  return error;
}

test('a bad column is refused naming it: a text reading, uneven columns, times not ascending, a missing column', (t) => {
  const times = snapshots.map((s) => Date.parse(s.timestamp));
  t.is(refused({ rsi: ['55', 60] }).field, 'snapshots.rsi.0');
  t.regex(refused({ close: [1] }).message, /field "snapshots.close" is invalid: has 1 values where timestampMs has 2/);
  t.regex(
    refused({ timestampMs: [times[1], times[0]] }).message,
    /field "snapshots.timestampMs.1" is invalid: must be in strictly ascending timestamp order/,
  );
  t.is(refused({ bearishEngulfing: undefined }).field, 'snapshots.bearishEngulfing');
  t.is(refused({ timestampMs: [], closesAtMs: [] }).field, 'snapshots.timestampMs');
});
