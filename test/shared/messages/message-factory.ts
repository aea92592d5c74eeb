import { rejectedSignalIdFor } from '../../../shared/domain/ids.js';
import type { Signal } from '../../../shared/domain/signal.js';
import type { AnalysisV1, AnalysisV2 } from '../../../shared/messages/analysis.js';
import type {
  SignalCreatedEvent,
  SignalEvent,
  SignalLifecycleEvent,
  SignalRejectedEvent,
} from '../../../shared/messages/events.js';
import { createdEvent, lifecycleEventMessage, rejectedEvent } from '../../../functions/persist-state/event-messages.js';
import { transitionEvent } from '../../../functions/persist-state/lifecycle-event.js';
import type { MarketBars } from '../../../shared/messages/market-bars.js';
import type { ScanRequest } from '../../../shared/messages/scan-request.js';
import {
  SIGNAL_BAR,
  barTime,
  makeBar,
  makeCandidate,
  makeTp1Signal,
  makeSignal,
  nowAfter,
} from '../../functions/persist-state/signal-factory.js';

/** A replay request for two crypto pairs on the 4-hour chart. */
export function makeScanRequest(overrides: Partial<ScanRequest> = {}): ScanRequest {
  return {
    schemaVersion: 1,
    timeframe: '4Hour',
    universe: 'crypto',
    symbols: ['BTC/USD', 'ETH/USD'],
    asOf: nowAfter(0),
    requestId: 'replay-2024-03-04',
    ...overrides,
  };
}

/** Three BTC/USD 4-hour bars ending at the test signal bar. */
export function makeMarketBars(overrides: Partial<MarketBars> = {}): MarketBars {
  return {
    schemaVersion: 1,
    requestId: 'replay-2024-03-04',
    symbol: 'BTC/USD',
    assetClass: 'CRYPTO',
    timeframe: '4Hour',
    asOf: nowAfter(0),
    bars: [
      { timestamp: barTime(-2), open: 61_400, high: 61_900, low: 61_050, close: 61_250, volume: 812.4 },
      { timestamp: barTime(-1), open: 61_250, high: 61_500, low: 60_700, close: 60_900, volume: 905.1 },
      { timestamp: SIGNAL_BAR, open: 60_880, high: 62_150, low: 60_790, close: 62_000, volume: 1_630.7 },
    ],
    ...overrides,
  };
}

/** What an analysis of the signal bar decided: one candidate and one shadow twin. */
function decision() {
  const candidate = makeCandidate();
  return {
    requestId: 'replay-2024-03-04',
    symbol: 'BTC/USD',
    assetClass: 'CRYPTO',
    timeframe: '4Hour',
    asOf: nowAfter(0),
    candidates: [candidate],
    rejected: [
      {
        ...candidate,
        signalId: rejectedSignalIdFor('BTC/USD', '4Hour', 'BULLISH_HAMMER', SIGNAL_BAR),
        pattern: 'BULLISH_HAMMER',
        reasons: ['volume ratio 1.1 < 1.5'],
      },
    ],
  } as const;
}

/** The analysis of the signal bar (version 2): the decision and two bars, the last still warming up its ADX. */
export function makeAnalysis(overrides: Partial<AnalysisV2> = {}): AnalysisV2 {
  const snapshots = [
    { ...makeBar(-1), closesAt: SIGNAL_BAR },
    { ...makeBar(0, { adxPrevious: Number.NaN }), closesAt: barTime(1) },
  ];
  return { schemaVersion: 2, ...decision(), snapshots, ...overrides };
}

/** The same analysis as version 1 wrote it (one snapshot, no close time): still read during a deploy. */
export function makeAnalysisV1(overrides: Partial<AnalysisV1> = {}): AnalysisV1 {
  const { closesAt: _closesAt, ...snapshot } = makeBar(0, { adxPrevious: Number.NaN });
  return { schemaVersion: 1, ...decision(), snapshot, ...overrides };
}

/** Narrows a production-built event to the type a test asks for. */
function ofType<T extends SignalEvent['type']>(event: SignalEvent, type: T): Extract<SignalEvent, { type: T }> {
  if (event.type !== type) throw new Error(`built a ${event.type}, expected ${type}`);
  return event as Extract<SignalEvent, { type: T }>;
}

/** `signal.created` for a signal (the test's WAITING signal by default), as persistState builds it. */
export function makeCreatedEvent(signal: Signal = makeSignal()): SignalCreatedEvent {
  return ofType(createdEvent(signal), 'signal.created');
}

/** `signal.rejected` for the shadow twin of the analysis above, as persistState builds it. */
export function makeRejectedEvent(): SignalRejectedEvent {
  const [rejected] = makeAnalysis().rejected;
  return ofType(rejectedEvent(rejected), 'signal.rejected');
}

/** `signal.tp1`: half sold at the signal's tp1 on the bar after the signal bar, with the signal after it. */
export function makeTp1Event(signal: Signal = makeTp1Signal({ updatedAt: nowAfter(1) })): SignalLifecycleEvent {
  const event = transitionEvent('signal.tp1', signal, makeBar(1), signal.tp1, nowAfter(1));
  return ofType(lifecycleEventMessage(event, signal), 'signal.tp1');
}
