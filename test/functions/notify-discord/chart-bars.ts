import type { RecentBar } from '../../../shared/messages/analysis.js';
import type { SignalCreatedEvent } from '../../../shared/messages/events.js';
import { barTime } from '../persist-state/signal-factory.js';

/** `count` 4-hour BTC/USD candles ending at the test signal bar, drifting around 61–62k. */
export function makeRecentBars(count = 60): RecentBar[] {
  return Array.from({ length: count }, (_, i) => {
    const k = i - count + 1;
    const open = 61_000 + 600 * Math.sin(i / 5);
    const close = open + (i % 3 === 0 ? -250 : 300);
    return { timestamp: barTime(k), open, high: Math.max(open, close) + 150, low: Math.min(open, close) - 150, close };
  });
}

/** The created event with the bars its analysis used, and two pivots inside them. */
export function withChartBars(event: SignalCreatedEvent, count = 60): SignalCreatedEvent {
  const bars = makeRecentBars(count);
  const pivots = [
    { index: 700, timestamp: bars[10].timestamp, price: bars[10].low, type: 'VALLEY' as const },
    { index: 720, timestamp: bars[30].timestamp, price: bars[30].high, type: 'PEAK' as const },
  ];
  return { ...event, recentBars: bars, signal: { ...event.signal, structuralAnchors: pivots } };
}
