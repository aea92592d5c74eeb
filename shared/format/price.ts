/**
 * A price with its significant digits kept, for people: 64,123.45 / 12.30 / 0.4567 / 0.00001234.
 * Under 1 it keeps four significant digits in plain decimals (never `1e-8`), so a micro-cap pair
 * shows every level apart; a non-finite value shows as `—`.
 */
export function formatPrice(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  if (abs >= 1) return value.toFixed(2);
  return value.toLocaleString('en-US', { minimumSignificantDigits: 4, maximumSignificantDigits: 4, useGrouping: false });
}
