import type { ConfigIssue } from '../errors/errors.js';
import { defaultTradingBaseUrl } from './build-config.js';
import type { ConfigEnv } from './config.schema.js';
import { urlHost } from './host-names.js';

/** Alpaca's market-data hosts (live data and the sandbox). */
export const ALPACA_DATA_HOSTS: readonly string[] = ['data.alpaca.markets', 'data.sandbox.alpaca.markets'];
/** Alpaca's paper trading host: live money is refused, so the live trading host is not one of them. */
export const ALPACA_TRADING_HOSTS: readonly string[] = ['paper-api.alpaca.markets'];
const LIVE_TRADING_HOSTS: readonly string[] = ['api.alpaca.markets', 'broker-api.alpaca.markets'];

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
  const { protocol, hostname, host } = urlHost(url);
  if (isLoopbackHost(hostname)) return undefined;
  if (protocol !== 'https:')
    return `must use https (plain http only for a loopback test server), got ${protocol.replace(':', '')} to ${host}`;
  if (hosts.includes(hostname) || allowlist.includes(host) || allowlist.includes(hostname)) return undefined;
  return `points at host ${host}, which is neither Alpaca's (${hosts.join(', ')}) nor in ALPACA_HOST_ALLOWLIST; the Alpaca keys are sent to no other host`;
}

/** Where a trading root points: Alpaca's paper host, a loopback or allow-listed test server, a live host, or elsewhere. */
export function tradingHostKind(url: string, allowlist: readonly string[]): 'paper' | 'test' | 'live' | 'other' {
  const { hostname, host } = urlHost(url);
  if (ALPACA_TRADING_HOSTS.includes(hostname)) return 'paper';
  if (LIVE_TRADING_HOSTS.includes(hostname)) return 'live';
  if (isLoopbackHost(hostname) || allowlist.includes(host) || allowlist.includes(hostname)) return 'test';
  return 'other';
}

type TradingEnv = Pick<
  ConfigEnv,
  'ALPACA_TRADING_BASE_URL' | 'ALPACA_HOST_ALLOWLIST' | 'ALPACA_TRADING_HOST_ALLOWLIST' | 'ENABLE_EXECUTION'
>;

/**
 * Why the trading root is refused, or undefined: a live-money host always; with ENABLE_EXECUTION any host that is
 * neither paper nor a test server; and, like every Alpaca URL, any host the keys may not be sent to.
 */
export function tradingUrlIssue(env: TradingEnv): string | undefined {
  const url = env.ALPACA_TRADING_BASE_URL ?? defaultTradingBaseUrl(true);
  const kind = tradingHostKind(url, env.ALPACA_TRADING_HOST_ALLOWLIST);
  const { host } = urlHost(url);
  if (kind === 'live') return `${host} is Alpaca's live-money host and is refused: use https://${ALPACA_TRADING_HOSTS[0]}`;
  if (kind === 'other' && env.ENABLE_EXECUTION) {
    return `${host} is neither Alpaca's paper host nor loopback; with ENABLE_EXECUTION=true add it to ALPACA_TRADING_HOST_ALLOWLIST if it is a test server`;
  }
  // A trading test host allow-listed for orders is allowed its keys too.
  return alpacaUrlProblem(url, ALPACA_TRADING_HOSTS, [...env.ALPACA_HOST_ALLOWLIST, ...env.ALPACA_TRADING_HOST_ALLOWLIST]);
}

/** Egress rules of the configuration: each Alpaca base URL names the variable at fault. */
export function egressIssues(env: Pick<ConfigEnv, 'ALPACA_DATA_BASE_URL'> & TradingEnv): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (env.ALPACA_DATA_BASE_URL !== undefined) {
    const reason = alpacaUrlProblem(env.ALPACA_DATA_BASE_URL, ALPACA_DATA_HOSTS, env.ALPACA_HOST_ALLOWLIST);
    if (reason !== undefined) issues.push({ variable: 'ALPACA_DATA_BASE_URL', reason });
  }
  const trading = tradingUrlIssue(env);
  if (trading !== undefined) issues.push({ variable: 'ALPACA_TRADING_BASE_URL', reason: trading });
  return issues;
}
