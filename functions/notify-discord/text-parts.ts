import type { ExitReason, SignalCandidate } from '../../shared/domain/signal.js';
import { formatPrice } from '../../shared/format/price.js';

/** A price for people, in dollars: `$62,000.00`, `$0.00000001000`. */
export function usd(value: number): string {
  return `$${formatPrice(value)}`;
}

/** `BULLISH_ENGULFING` → `BULLISH ENGULFING`. */
export function patternName(pattern: string): string {
  return pattern.replaceAll('_', ' ');
}

/** A result in multiples of the initial risk, signed: `+0.50 R`, `-1.00 R`. */
export function rMultiple(value: number): string {
  return `${value >= 0 ? '+' : '-'}${Math.abs(value).toFixed(2)} R`;
}

/** A result gross and net of costs: `+0.50 R gross · +0.41 R net` (gross alone when net is unknown). */
export function rGrossNet(gross: number, net: number | undefined): string {
  return net === undefined ? rMultiple(gross) : `${rMultiple(gross)} gross · ${rMultiple(net)} net`;
}

/** An ISO instant to the minute: `2024-03-05 12:00 UTC`. */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** An indicator reading to one decimal; NaN (still warming up) shows as `—`. */
export function reading(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : '—';
}

/** The pattern line every step of a signal's life repeats. */
export function patternLine(signal: Pick<SignalCandidate, 'pattern' | 'timeframe'>): string {
  return `Pattern: ${patternName(signal.pattern)} (${signal.timeframe})`;
}

/** The indicator readings behind a setup, on one line. */
export function confluenceLine(candidate: Pick<SignalCandidate, 'confluence' | 'confluenceFactors'>): string {
  const { rsi, adx, volumeRatio, trendBullish } = candidate.confluence;
  const factors = candidate.confluenceFactors.length > 0 ? candidate.confluenceFactors.join(', ') : 'none';
  const trend = trendBullish ? 'above EMA 50' : 'below EMA 50';
  return `Confluence: ${factors} · RSI ${reading(rsi)} · ADX ${reading(adx)} · Vol ${reading(volumeRatio)}x · ${trend}`;
}

const EXIT_REASON_TEXT: Readonly<Record<ExitReason, string>> = {
  STOP: 'initial stop hit',
  BREAKEVEN_STOP: 'breakeven stop hit after TP1',
  TRAIL_STOP: 'trailing stop hit',
  TP3: 'last quarter filled at TP3',
  INVALIDATED:
    'closed under the invalidation level, or momentum turned bearish (engulfing, RSI over 80 or a falling ADX over 50)',
  EXPIRED: 'time stop: neither TP1 nor the stop within the validity bars',
};

/** Why a signal ended, in words. */
export function exitReasonText(reason: ExitReason | undefined): string {
  return reason === undefined ? 'not given' : EXIT_REASON_TEXT[reason];
}
