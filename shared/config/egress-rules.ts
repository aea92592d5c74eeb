import type { ConfigIssue } from '../errors/errors.js';
import type { ConfigEnv } from './config.schema.js';

/** Alpaca's market-data hosts (live data and the sandbox). */
export const ALPACA_DATA_HOSTS: readonly string[] = ['data.alpaca.markets', 'data.sandbox.alpaca.markets'];
/** Alpaca's paper trading host: live money is refused, so the live trading host is not one of them. */
export const ALPACA_TRADING_HOSTS: readonly string[] = ['paper-api.alpaca.markets'];

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** Whether `hostname` is this machine: a local test server, which no credential leaves the machine for. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname.toLowerCase());
}

/**
 * Why `url` may not receive Alpaca credentials, or undefined when it may: https to one of `hosts` or to a host of
 * `allowlist` (host or host:port), or a loopback server (http allowed, for tests).
 */
export function alpacaUrlProblem(url: string, hosts: readonly string[], allowlist: readonly string[]): string | undefined {
  const parsed = new URL(url);
  const hostname = parsed.hostname.toLowerCase();
  if (isLoopbackHost(hostname)) return undefined;
  if (parsed.protocol !== 'https:')
    return `must use https (plain http only for a loopback test server), got ${parsed.protocol.replace(':', '')} to ${parsed.host}`;
  const host = parsed.host.toLowerCase();
  if (hosts.includes(hostname) || allowlist.includes(host) || allowlist.includes(hostname)) return undefined;
  return `points at host ${host}, which is neither Alpaca's (${hosts.join(', ')}) nor in ALPACA_HOST_ALLOWLIST; the Alpaca keys are sent to no other host`;
}

/** Egress rules of the configuration: each Alpaca base URL names the variable at fault. */
export function egressIssues(
  env: Pick<
    ConfigEnv,
    'ALPACA_DATA_BASE_URL' | 'ALPACA_TRADING_BASE_URL' | 'ALPACA_HOST_ALLOWLIST' | 'ALPACA_TRADING_HOST_ALLOWLIST'
  >,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const check = (
    variable: string,
    url: string | undefined,
    hosts: readonly string[],
    allowlist = env.ALPACA_HOST_ALLOWLIST,
  ): void => {
    if (url === undefined) return;
    const reason = alpacaUrlProblem(url, hosts, allowlist);
    if (reason !== undefined) issues.push({ variable, reason });
  };
  check('ALPACA_DATA_BASE_URL', env.ALPACA_DATA_BASE_URL, ALPACA_DATA_HOSTS);
  // A trading test host allow-listed for orders is allowed its keys too.
  check('ALPACA_TRADING_BASE_URL', env.ALPACA_TRADING_BASE_URL, ALPACA_TRADING_HOSTS, [
    ...env.ALPACA_HOST_ALLOWLIST,
    ...env.ALPACA_TRADING_HOST_ALLOWLIST,
  ]);
  return issues;
}
