import { InvalidBarError } from '../../shared/errors/errors.js';
import type { Bar } from '../../shared/domain/bar.js';

const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * Checks the invariants every engine function relies on and throws an `InvalidBarError` naming the
 * first bad bar and field: ISO-8601 UTC timestamps in strictly ascending order, finite numbers,
 * low ≤ min(open, close) ≤ max(open, close) ≤ high, and volume ≥ 0.
 */
export function validateBars(bars: readonly Bar[], source?: string): void {
  let previousTime = -Infinity;
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i];
    const fail = (field: string, reason: string): never => {
      throw new InvalidBarError(i, field, reason, source);
    };
    if (typeof bar.timestamp !== 'string' || !ISO_UTC.test(bar.timestamp)) {
      fail('timestamp', `is not an ISO-8601 UTC time: ${JSON.stringify(bar.timestamp)}`);
    }
    const time = Date.parse(bar.timestamp);
    if (!Number.isFinite(time)) fail('timestamp', `is not a valid date: "${bar.timestamp}"`);
    if (time <= previousTime) {
      fail('timestamp', `"${bar.timestamp}" is not after the previous bar's "${bars[i - 1].timestamp}"`);
    }
    previousTime = time;
    for (const field of [...PRICE_FIELDS, 'volume'] as const) {
      const value = bar[field];
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(field, `is not a finite number: ${String(value)}`);
    }
    if (bar.volume < 0) fail('volume', `is negative: ${bar.volume}`);
    if (bar.low > Math.min(bar.open, bar.close)) {
      fail('low', `${bar.low} is above min(open, close) = ${Math.min(bar.open, bar.close)}`);
    }
    if (bar.high < Math.max(bar.open, bar.close)) {
      fail('high', `${bar.high} is below max(open, close) = ${Math.max(bar.open, bar.close)}`);
    }
  }
}
