/** `columns` little-endian float64 columns of `count` values in `base64`, read back independently of the code under test. */
export function readFloat64Columns(base64: string, columns: number, count: number): number[][] {
  const bytes = Buffer.from(base64, 'base64');
  return Array.from({ length: columns }, (_, k) =>
    Array.from({ length: count }, (_, i) => bytes.readDoubleLE(8 * (k * count + i))),
  );
}
