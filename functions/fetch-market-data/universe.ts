import type { ScanRequest } from '../../shared/messages/scan-request.js';

/** The symbols a scan covers: the ones it names, or the configured universe it selects. */
export function symbolsToScan(
  request: Pick<ScanRequest, 'universe' | 'symbols'>,
  universe: { readonly crypto: readonly string[]; readonly equity: readonly string[] },
): string[] {
  if (request.symbols && request.symbols.length > 0) return [...new Set(request.symbols)];
  const crypto = request.universe === 'equity' ? [] : universe.crypto;
  const equity = request.universe === 'crypto' ? [] : universe.equity;
  return [...new Set([...crypto, ...equity])];
}
