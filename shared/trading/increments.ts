/** The number of decimals of an increment such as 0.0001 (for exact rounding of quantities and prices). */
export function decimalsOf(increment: number): number {
  if (!(increment > 0) || Number.isInteger(increment)) return 0;
  const text = increment.toExponential();
  const [mantissa, exponent] = text.split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** `qty` rounded down to a multiple of `increment`, without binary noise (0.30000000000000004 → 0.3). */
export function roundDownTo(qty: number, increment: number): number {
  if (!(increment > 0)) return qty;
  const steps = Math.floor(qty / increment + 1e-9);
  return Number((steps * increment).toFixed(decimalsOf(increment)));
}

/** `price` rounded to the nearest multiple of `increment`. */
export function roundPriceTo(price: number, increment: number): number {
  if (!(increment > 0)) return price;
  return Number((Math.round(price / increment) * increment).toFixed(decimalsOf(increment)));
}
