import { signalIdFor } from '../../shared/domain/ids.js';
import type { PatternName } from '../../shared/domain/patterns.js';
import type { Signal } from '../../shared/domain/signal.js';
import type { SignalEvent } from '../../shared/messages/events.js';
import type { DeadLetter } from '../../shared/store/store.port.js';
import { barTime, makeSignal, makeTp1Signal, nowAfter } from '../functions/persist-state/signal-factory.js';
import { makeCreatedEvent, makeTp1Event } from '../shared/messages/message-factory.js';

/** A WAITING signal with its real id, for `symbol`/`pattern` on the k-th 4-hour bar after the test signal bar. */
export function signalOn(
  symbol = 'BTC/USD',
  pattern: PatternName = 'BULLISH_ENGULFING',
  k = 0,
  overrides: Partial<Signal> = {},
): Signal {
  const barTimestamp = barTime(k);
  return makeSignal({
    signalId: signalIdFor(symbol, '4Hour', pattern, barTimestamp),
    symbol,
    assetClass: symbol.includes('/') ? 'CRYPTO' : 'EQUITY',
    pattern,
    barTimestamp,
    lastBarTimestamp: barTimestamp,
    confluence: { ...makeSignal().confluence, patternsPresent: [pattern] },
    ...overrides,
  });
}

/** The same signal after TP1 on the next bar, as the lifecycle would store it. */
export function afterTp1(signal: Signal): Signal {
  return makeTp1Signal({
    ...signal,
    status: 'TP1_HIT',
    currentStop: signal.entry,
    lastBarTimestamp: barTime(1),
    updatedAt: nowAfter(1),
  });
}

/** `signal.created` of a signal. */
export function createdEvent(signal: Signal): SignalEvent {
  return makeCreatedEvent(signal);
}

/** `signal.tp1` of a signal after TP1, occurring at `occurredAt`. */
export function tp1Event(signal: Signal, occurredAt = nowAfter(1)): SignalEvent {
  return { ...makeTp1Event(signal), occurredAt };
}

/** A poison market-bars message dead-lettered at `at`. */
export function deadLetter(id: string, at: string): DeadLetter {
  return {
    id,
    topic: 'market-bars',
    subscription: 'projects/crypto-sentinel/subscriptions/generate-signals',
    messageId: `20704436013115${id.length}`,
    attributes: { type: 'market.bars', symbol: 'BTC/USD', schemaVersion: '1' },
    data: Buffer.from('{"schemaVersion":1,"timeframe":"1D"}').toString('base64'),
    error: 'field "timeframe" is invalid: expected one of 1Day|4Hour|1Hour, got "1D"',
    field: 'timeframe',
    attempts: 1,
    at,
  };
}
