import test from 'ava';
import { renderNotification } from '../../../functions/notify-discord/render-notification.js';
import { SIGNAL_EVENT_TYPES } from '../../../shared/messages/events.js';
import type { SignalEventType } from '../../../shared/messages/events.js';
import { makeCreatedEvent } from '../../shared/messages/message-factory.js';
import { makeSignal, makeTinyPriceSignal } from '../persist-state/signal-factory.js';
import { makeEventOfType } from './event-factory.js';

/** The facts a reader needs from each message, one row per event type. */
const KEY_FACTS: Readonly<Record<SignalEventType, readonly string[]>> = {
  'signal.created': [
    '🚀',
    'BULLISH ENGULFING detected on BTC/USD (4Hour)',
    'Entry: $62,000.00',
    'Stop loss: $60,500.00',
    'Invalidation: $61,000.00',
    'TP1 (conservative): $63,500.00',
    'TP2 (structural): $65,000.00',
    'TP3 (runner): $66,500.00',
    'R:R 3.00',
    'Conviction: STANDARD',
    'Confluence: VOLUME_SPIKE',
    'RSI 54.2',
    'Valid until 2024-03-05 12:00 UTC',
  ],
  'signal.rejected': ['[REJECTED] BULLISH HAMMER on BTC/USD', 'Reasons: volume ratio 1.1 < 1.5', 'Entry $62,000.00'],
  'signal.tp1': [
    'TP1 HIT: BTC/USD',
    'BULLISH ENGULFING',
    '$63,500.00',
    'Scaling out 50 %, stop → breakeven ($62,000.00)',
    '+0.50 R',
  ],
  'signal.tp2': ['TP2 HIT: BTC/USD', '$65,000.00', 'Scaling out 50 % of the rest, stop → TP1 ($63,500.00)', '+1.00 R'],
  'signal.tp3': [
    'TP3 HIT, RUNNER COMPLETE: BTC/USD',
    'last quarter filled at TP3, $66,500.00',
    'Result: +1.75 R gross · +1.55 R net',
  ],
  'signal.stopped': ['STOPPED OUT: BTC/USD', 'Stop hit at $60,500.00', 'initial stop hit', 'Result: -1.00 R gross · -1.20 R net'],
  'signal.invalidated': ['INVALIDATED: BTC/USD', 'Reason: closed under the invalidation level', '$61,100.00', '-0.60 R'],
  'signal.expired': ['EXPIRED: BTC/USD', 'Time stop: no TP1 or stop within 12 bars', '$62,150.00'],
  'signal.trailed': ['TRAIL UPDATE: BTC/USD', 'New stop: $64,200.00 ▲', 'Previous: $63,500.00'],
  'signal.gap': ['BAR GAP: BTC/USD', 'never reached the lifecycle', '2024-03-04 08:00 UTC', '2024-03-05 20:00 UTC'],
};

for (const type of SIGNAL_EVENT_TYPES) {
  test(`renders ${type} with its key facts`, (t) => {
    const event = makeEventOfType(type);
    const notification = renderNotification(event, { testMode: false });
    t.is(notification.eventId, event.eventId);
    t.is(notification.type, type);
    t.is(notification.symbol, 'BTC/USD');
    t.is(notification.text.split('\n')[0], notification.title, 'the text opens with the title');
    for (const fact of KEY_FACTS[type])
      t.true(notification.text.includes(fact), `${type} lacks "${fact}":\n${notification.text}`);
    t.false(notification.text.includes('[TEST]'), 'no test label outside test mode');
    t.false(/NaN|undefined|e-\d/.test(notification.text), `no raw number leaks:\n${notification.text}`);
  });

  test(`labels ${type} [TEST] in test mode, in the title`, (t) => {
    const { title } = renderNotification(makeEventOfType(type), { testMode: true });
    t.true(title.includes('[TEST] '), title);
    t.is(title.split('[TEST] ').length, 2, 'the label appears once');
  });
}

test('keeps the significant digits of tiny prices', (t) => {
  const signal = makeTinyPriceSignal();
  const { text } = renderNotification(makeCreatedEvent(signal), { testMode: false });
  t.true(text.includes('Entry: $0.00000001234'), text);
  t.true(text.includes('Stop loss: $0.00000001000'), text);
  t.true(text.includes('TP1 (conservative): $0.00000001468'), text);
  t.false(text.includes('Invalidation'), 'no invalidation line when there is none');
});

test('marks a macro setup with its own emoji and tag', (t) => {
  const event = makeCreatedEvent(makeSignal({ classification: 'MACRO_PATTERN' }));
  const { title } = renderNotification(event, { testMode: true });
  t.true(title.startsWith('🏛️ [TEST] [MACRO SETUP] BULLISH ENGULFING'), title);
});

test('leaves out the invalidation line when it equals the stop', (t) => {
  const event = makeCreatedEvent(makeSignal({ invalidation: 60_500 }));
  t.false(renderNotification(event, { testMode: false }).text.includes('Invalidation'));
});

test('shows an indicator still warming up as a dash', (t) => {
  const signal = makeSignal();
  const event = makeCreatedEvent({ ...signal, confluence: { ...signal.confluence, adx: Number.NaN } });
  t.true(renderNotification(event, { testMode: false }).text.includes('ADX —'));
});
