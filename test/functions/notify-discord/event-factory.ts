import { lifecycleEventMessage } from '../../../functions/persist-state/event-messages.js';
import { gapEvent, trailEvent, transitionEvent } from '../../../functions/persist-state/lifecycle-event.js';
import type { Signal } from '../../../shared/domain/signal.js';
import { SignalEventSchema } from '../../../shared/messages/events.js';
import type { SignalEvent, SignalEventType, SignalLifecycleEvent } from '../../../shared/messages/events.js';
import { makeCreatedEvent, makeRejectedEvent, makeTp1Event } from '../../shared/messages/message-factory.js';
import { barTime, makeBar, makeSignal, makeTp2Signal, nowAfter } from '../persist-state/signal-factory.js';

type LifecycleType = SignalLifecycleEvent['type'];
type Step = Omit<Partial<SignalLifecycleEvent>, 'type' | 'signal'>;

/** A lifecycle event of the test signal on bar `k`, built by persistState's own builders. */
function lifecycleEvent(type: LifecycleType, signal: Signal, k: number, step: Step & { price: number }): SignalLifecycleEvent {
  const bar = makeBar(k);
  const event =
    type === 'signal.trailed'
      ? trailEvent(signal, bar, step.previousStop ?? signal.stop, nowAfter(k))
      : type === 'signal.gap'
        ? gapEvent(signal, bar, nowAfter(k))
        : transitionEvent(type, signal, bar, step.price, nowAfter(k));
  const message = lifecycleEventMessage(event, signal);
  if (message.type !== type) throw new Error(`built a ${message.type}, expected ${type}`);
  return message as SignalLifecycleEvent;
}

const exited = (k: number, overrides: Partial<Signal>): Signal =>
  makeSignal({ openFraction: 0, exitTime: nowAfter(k), updatedAt: nowAfter(k), lastBarTimestamp: barTime(k), ...overrides });

const BUILDERS: Readonly<Record<SignalEventType, () => SignalEvent>> = {
  'signal.created': () => makeCreatedEvent(),
  'signal.rejected': () => makeRejectedEvent(),
  'signal.tp1': () => makeTp1Event(),
  'signal.tp2': () => lifecycleEvent('signal.tp2', makeTp2Signal({ updatedAt: nowAfter(2) }), 2, { price: 65_000, realizedR: 1 }),
  'signal.tp3': () => {
    const signal = exited(5, {
      status: 'TP3_HIT',
      currentStop: 63_500,
      realizedR: 1.75,
      realizedRNet: 1.55,
      exitReason: 'TP3',
      exitPrice: 66_500,
    });
    return lifecycleEvent('signal.tp3', signal, 5, { price: 66_500, realizedR: 1.75, realizedRNet: 1.55, exitReason: 'TP3' });
  },
  'signal.stopped': () => {
    const signal = exited(1, { status: 'STOPPED', realizedR: -1, realizedRNet: -1.2, exitReason: 'STOP', exitPrice: 60_500 });
    return lifecycleEvent('signal.stopped', signal, 1, { price: 60_500, realizedR: -1, realizedRNet: -1.2, exitReason: 'STOP' });
  },
  'signal.invalidated': () => {
    const signal = exited(1, { status: 'INVALIDATED', realizedR: -0.6, exitReason: 'INVALIDATED', exitPrice: 61_100 });
    return lifecycleEvent('signal.invalidated', signal, 1, { price: 61_100, realizedR: -0.6, exitReason: 'INVALIDATED' });
  },
  'signal.expired': () => {
    const signal = exited(12, { status: 'EXPIRED', barsHeld: 12, realizedR: 0.1, exitReason: 'EXPIRED', exitPrice: 62_150 });
    return lifecycleEvent('signal.expired', signal, 12, { price: 62_150, realizedR: 0.1, exitReason: 'EXPIRED' });
  },
  'signal.trailed': () => {
    const signal = makeTp2Signal({ currentStop: 64_200, updatedAt: nowAfter(3), lastBarTimestamp: barTime(3) });
    return lifecycleEvent('signal.trailed', signal, 3, { price: 64_200, previousStop: 63_500, newStop: 64_200 });
  },
  'signal.gap': () => {
    const signal = makeSignal({ updatedAt: nowAfter(9) });
    return lifecycleEvent('signal.gap', signal, 9, { price: 62_400, gapFrom: barTime(0), gapTo: barTime(9) });
  },
};

/** A realistic event of each type on the test BTC/USD signal, checked against the wire schema. */
export function makeEventOfType(type: SignalEventType): SignalEvent {
  return SignalEventSchema.parse(BUILDERS[type]());
}
