import type { Pivot } from '../../../shared/domain/patterns.js';
import type { SignalCandidate } from '../../../shared/domain/signal.js';
import type { EmbedField } from '../discord/message.types.js';
import { patternName, reading, usd } from '../text-parts.js';

/** A Discord timestamp (wire-formats C.6): `<t:1709553600:R>` shows "in 2 days" in the reader's time zone. */
export function discordTime(iso: string, style: 't' | 'T' | 'd' | 'D' | 'f' | 'F' | 'R' = 'f'): string {
  return `<t:${Math.floor(Date.parse(iso) / 1000)}:${style}>`;
}

/** `BULLISH_ENGULFING` → `Bullish Engulfing`. */
export function patternTitle(pattern: string): string {
  return patternName(pattern)
    .toLowerCase()
    .replace(/\b\w/g, (c) => c.toUpperCase());
}

/** `4Hour` → `4H`, `1Day` → `1D`. */
export function shortTimeframe(timeframe: string): string {
  return timeframe.replace('Hour', 'H').replace('Day', 'D');
}

/** An inline field. */
export function inline(name: string, value: string): EmbedField {
  return { name, value, inline: true };
}

/** A full-width field. */
export function block(name: string, value: string): EmbedField {
  return { name, value, inline: false };
}

/** How far `timestamp` is before `reference`, in whole days: `today`, `1 day ago`, `12 days ago`. */
export function daysAgo(timestamp: string, reference: string): string {
  const days = Math.max(0, Math.floor((Date.parse(reference) - Date.parse(timestamp)) / 86_400_000));
  return days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
}

/** The pattern's pivots, oldest first: `• Valley $61,000.00 (3 days ago)`; `—` when the pattern has none. */
export function geometryLines(
  candidate: Pick<SignalCandidate, 'structuralAnchors' | 'harmonic' | 'barTimestamp'>,
  max = 8,
): string {
  const pivots: Pivot[] = [...candidate.structuralAnchors, ...(candidate.harmonic?.pivots ?? [])];
  const unique = [...new Map(pivots.map((p) => [`${p.timestamp}|${p.type}`, p])).values()].sort((a, b) => a.index - b.index);
  if (unique.length === 0) return '—';
  return unique
    .slice(-max)
    .map((p) => `• ${p.type === 'PEAK' ? 'Peak' : 'Valley'} ${usd(p.price)} (${daysAgo(p.timestamp, candidate.barTimestamp)})`)
    .join('\n');
}

/** The indicator readings behind a setup: `RSI 54.2 · ADX 23.1 · Vol 1.8x · above EMA 50`, then the factors. */
export function confluenceText(candidate: Pick<SignalCandidate, 'confluence' | 'confluenceFactors'>): string {
  const { rsi, adx, volumeRatio, trendBullish } = candidate.confluence;
  const factors = candidate.confluenceFactors.length > 0 ? candidate.confluenceFactors.join(', ') : 'none';
  return `${factors}\nRSI ${reading(rsi)} · ADX ${reading(adx)} · Vol ${reading(volumeRatio)}x · ${trendBullish ? 'above' : 'below'} EMA 50`;
}

/** The harmonic ratios, if any: `B 61.8% · D 78.6%`. */
export function harmonicText(candidate: Pick<SignalCandidate, 'harmonic'>): string | undefined {
  const harmonic = candidate.harmonic;
  if (harmonic === null) return undefined;
  const ratios = Object.entries(harmonic.ratios)
    .filter(([, value]) => Number.isFinite(value))
    .map(([key, value]) => `${key.replace(/_ratio$/, '').replaceAll('_', ' ')} ${(value * 100).toFixed(1)}%`);
  return `${patternTitle(harmonic.type)}${ratios.length > 0 ? `: ${ratios.join(' · ')}` : ''}`;
}
