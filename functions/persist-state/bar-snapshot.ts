import { InvalidArgumentError } from '../../shared/errors/errors.js';
import type { BarSnapshot } from '../../shared/domain/signal.js';
import { instantMs } from './time.js';

const PRICE_FIELDS = ['open', 'high', 'low', 'close'] as const;

/**
 * Rejects a bar no lifecycle step could trust: a bad timestamp, a non-finite price or a low/high that
 * does not enclose the body. Indicators may be NaN (warm-up) and are not checked. Returns its open time in ms.
 */
export function checkBarSnapshot(bar: BarSnapshot): number {
  const time = instantMs(bar.timestamp, 'bar.timestamp');
  for (const field of PRICE_FIELDS) {
    const value = bar[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidArgumentError(`bar.${field}`, `is not a finite number: ${String(value)}`);
    }
  }
  if (bar.low > Math.min(bar.open, bar.close)) {
    throw new InvalidArgumentError('bar.low', `${bar.low} is above min(open, close)`);
  }
  if (bar.high < Math.max(bar.open, bar.close)) {
    throw new InvalidArgumentError('bar.high', `${bar.high} is below max(open, close)`);
  }
  return time;
}
