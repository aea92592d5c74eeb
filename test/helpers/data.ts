import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsvBars } from '../../shared/market-data/csv-bars.js';
import type { Bar } from '../../shared/domain/bar.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Bars of a bundled data file, e.g. `loadBars('btc-usd-1d.csv')`. */
export function loadBars(file: string): Bar[] {
  return parseCsvBars(readFileSync(`${root}data/${file}`, 'utf8'), file);
}

/** A reference table under `test/fixtures/reference/` as rows of strings keyed by column name. */
export function loadReferenceTable(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(`${root}test/fixtures/reference/${path}`, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.length > 0);
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
  });
}
