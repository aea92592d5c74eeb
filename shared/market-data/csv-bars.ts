import { InvalidBarError } from '../errors/errors.js';
import type { Bar } from '../domain/bar.js';

const HEADER = ['timestamp', 'open', 'high', 'low', 'close', 'volume'];

/**
 * Parses the bundled OHLCV CSV format (`timestamp,open,high,low,close,volume`, one header row).
 * Structural problems throw `InvalidBarError` naming the row; value invariants are checked by
 * `validateBars`, not here.
 */
export function parseCsvBars(text: string, source = 'csv'): Bar[] {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = (lines[0] ?? '').split(',');
  if (header.join(',') !== HEADER.join(',')) {
    throw new InvalidBarError(-1, 'header', `must be "${HEADER.join(',')}", got "${header.join(',')}"`, source);
  }
  const bars: Bar[] = new Array(lines.length - 1);
  for (let row = 1; row < lines.length; row++) {
    const cells = lines[row].split(',');
    if (cells.length !== HEADER.length) {
      throw new InvalidBarError(row - 1, 'row', `has ${cells.length} cells, expected ${HEADER.length}`, source);
    }
    bars[row - 1] = {
      timestamp: cells[0],
      open: Number(cells[1]),
      high: Number(cells[2]),
      low: Number(cells[3]),
      close: Number(cells[4]),
      volume: Number(cells[5]),
    };
  }
  return bars;
}
