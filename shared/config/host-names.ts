/** An allow-list entry as written: a host name, or host:port. */
export const HOST_ENTRY_PATTERN = /^[a-z0-9.-]+(:\d{1,5})?$/;

/**
 * A host name as compared: lower case, without the trailing dot of a fully qualified name, which names the same host
 * (`api.alpaca.markets.` is `api.alpaca.markets`, and TLS accepts its certificate).
 */
export function canonicalHostname(hostname: string): string {
  return hostname.toLowerCase().replace(/\.+$/, '');
}

/** An allow-list entry (`host` or `host:port`) as compared. */
export function canonicalHostEntry(entry: string): string {
  const port = /:\d{1,5}$/.exec(entry)?.[0] ?? '';
  return canonicalHostname(entry.slice(0, entry.length - port.length)) + port;
}

/** A URL's host name, and its host with the port when one is written, as compared. */
export function urlHost(url: string): { readonly protocol: string; readonly hostname: string; readonly host: string } {
  const parsed = new URL(url);
  const hostname = canonicalHostname(parsed.hostname);
  return { protocol: parsed.protocol, hostname, host: parsed.port === '' ? hostname : `${hostname}:${parsed.port}` };
}
