/** How a table lays out its columns. */
export interface TableOptions {
  /** How many leading columns are text, padded on the right; the rest are numbers, padded on the left (default 1). */
  readonly textColumns?: number;
}

/** A plain-text table: a header, a rule under it and one line per row, columns two spaces apart, no trailing blanks. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const textColumns = options.textColumns ?? 1;
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c < textColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
