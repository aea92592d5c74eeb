import http from 'node:http';
import type { ServerResponse } from 'node:http';
import type { Bar } from '../../shared/domain/bar.js';
import { assetList, listAssets } from './alpaca-server-assets.js';
import type { AssetSpec } from './alpaca-server-assets.js';
import { BadRequest, barsPage } from './alpaca-server-bars.js';
import { createTradingRoutes, isTradingPath, readBody } from './alpaca-trading-server.js';
import type { TradingServerOptions, TradingState } from './alpaca-trading-server.js';
import { CALENDAR_PATH, calendarPage } from './alpaca-server-calendar.js';
import type { SessionDay } from '../../shared/domain/sessions/equity-calendar.js';

export type { AssetSpec } from './alpaca-server-assets.js';

/** Which route a request hit. */
export type AlpacaEndpoint = 'crypto-bars' | 'stock-bars' | 'assets' | 'calendar' | 'trading' | 'other';

/** A scripted failure for the next `times` requests (default 1) to `endpoint`. */
export interface AlpacaFault {
  readonly endpoint: Exclude<AlpacaEndpoint, 'other'>;
  /**
   * `rate-limit`: 429 with X-RateLimit-*; `server-error`: 500; `malformed`: 200 with a body that is not JSON;
   * `redirect`: 302 to `location` (plus the request's path and query).
   */
  readonly kind: 'rate-limit' | 'server-error' | 'malformed' | 'redirect';
  /** redirect only: where the 302 points. */
  readonly location?: string;
  readonly times?: number;
  /** 429 only: a `Retry-After` header in seconds (Alpaca's own 429 sends none; omit to send only X-RateLimit-*). */
  readonly retryAfterSeconds?: number;
  /** 429 only: the `X-RateLimit-Reset` epoch second; default: the next second. */
  readonly resetEpochSeconds?: number;
}

/** What the fake serves. Bars are one timeframe per series, ascending; symbols absent here are absent from responses. */
export interface AlpacaServerOptions {
  readonly crypto: Readonly<Record<string, readonly Bar[]>>;
  readonly stocks: Readonly<Record<string, readonly Bar[]>>;
  /** Extra or overriding assets (inactive, not tradable, listed without bars). */
  readonly assets?: readonly AssetSpec[];
  readonly faults?: readonly AlpacaFault[];
  /** The `/v2/calendar` trading days (to script a closure or an early close); the NYSE rules when absent. */
  readonly calendar?: readonly SessionDay[];
  /** The clock for default `start`/`end` and rate-limit headers (epoch ms). */
  readonly now?: () => number;
  /** The trading API (orders, positions, account): see alpaca-trading-server.ts. */
  readonly trading?: TradingServerOptions;
  /** The only key pair accepted (any pair when absent); another pair gets Alpaca's 401 on the routes that check keys. */
  readonly acceptKeys?: { readonly keyId: string; readonly secretKey: string };
  /** How long every request waits before it is answered, like the network and Alpaca's own time (0 by default). */
  readonly latencyMs?: number;
  /** How that wait is spent: a real timer by default; a bench on simulated time passes one that only counts it. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** One request as the fake saw it; `keys` tells whether both APCA-API-* headers came (never their values). */
export interface RequestLog {
  readonly method: string;
  readonly endpoint: AlpacaEndpoint;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly keys: boolean;
  readonly status: number;
  /** Bars in a 200 bars page, else 0. */
  readonly barCount: number;
  /** A trading request's JSON body (orders, replaces). */
  readonly body?: unknown;
}

/** A running fake. */
export interface AlpacaServer {
  readonly url: string;
  readonly requests: RequestLog[];
  /** The trading book (orders, positions, prices). */
  readonly trading: TradingState;
  /** Adds faults while running. */
  inject(fault: AlpacaFault): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server speaking Alpaca's wire format (wire-formats.md A and B.1) on 127.0.0.1: crypto and stock bars
 * with multi-symbol pagination, the asset list, Alpaca's key check on stock data and trading routes (crypto data
 * needs none), and injectable faults. Both market data and trading roots point at `url`.
 */
export async function startAlpacaServer(options: AlpacaServerOptions): Promise<AlpacaServer> {
  const now = options.now ?? Date.now;
  const assets = assetList(Object.keys(options.crypto), Object.keys(options.stocks), options.assets);
  const faults = (options.faults ?? []).map((fault) => ({ ...fault, left: fault.times ?? 1 }));
  const requests: RequestLog[] = [];
  const trading = createTradingRoutes(options.trading ?? {}, now);

  const latencyMs = options.latencyMs ?? 0;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const server = http.createServer((request, response) => {
    if (latencyMs <= 0) return serve(request, response);
    void sleep(latencyMs).then(() => serve(request, response));
  });
  function serve(request: http.IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (isTradingPath(url.pathname)) return void serveTrading(request, response, url);
    const endpoint = endpointOf(request.method ?? '', url.pathname);
    const [keyId, secretKey] = [request.headers['apca-api-key-id'], request.headers['apca-api-secret-key']];
    const accepted =
      options.acceptKeys === undefined || (keyId === options.acceptKeys.keyId && secretKey === options.acceptKeys.secretKey);
    const keys = typeof keyId === 'string' && typeof secretKey === 'string';
    const send = (status: number, body: unknown, headers: Record<string, string> = {}, barCount = 0): void => {
      requests.push({
        method: request.method ?? '',
        endpoint,
        path: url.pathname,
        query: url.searchParams,
        keys,
        status,
        barCount,
      });
      raw(response, status, typeof body === 'string' ? body : JSON.stringify(body), headers);
    };
    const limits = rateLimitHeaders(now(), requests.length);
    const fault = faults.find((candidate) => candidate.endpoint === endpoint && candidate.left > 0);
    if (endpoint === 'other') return send(404, { message: 'not found' });
    if (endpoint !== 'crypto-bars' && !(keys && accepted))
      return send(401, { code: 40110000, message: 'request is not authorized' });
    if (fault !== undefined) {
      fault.left -= 1;
      if (fault.kind === 'rate-limit') {
        const reset = {
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(fault.resetEpochSeconds ?? Math.ceil(now() / 1000) + 1),
        };
        const after: Record<string, string> =
          fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
        return send(429, { message: 'rate limit exceeded' }, { ...limits, ...reset, ...after });
      }
      if (fault.kind === 'server-error') return send(500, { message: 'internal server error' });
      if (fault.kind === 'redirect')
        return send(302, { message: 'moved' }, { Location: `${fault.location ?? ''}${url.pathname}${url.search}` });
      return send(200, '{"bars": {"BTC/USD": [{"t": "2024-01-0', limits);
    }
    try {
      if (endpoint === 'assets') return send(200, listAssets(assets, url.searchParams), limits);
      if (endpoint === 'calendar') return send(200, calendarPage(options.calendar, url.searchParams, now()), limits);
      const page = barsPage(
        endpoint === 'crypto-bars' ? options.crypto : options.stocks,
        url.searchParams,
        endpoint === 'crypto-bars',
        now(),
      );
      return send(200, page.body, limits, page.barCount);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      return send(400, { message: error.message }, limits);
    }
  }
  async function serveTrading(request: http.IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? '';
    const [keyId, secretKey] = [request.headers['apca-api-key-id'], request.headers['apca-api-secret-key']];
    const keys = typeof keyId === 'string' && typeof secretKey === 'string';
    const accepted =
      options.acceptKeys === undefined || (keyId === options.acceptKeys.keyId && secretKey === options.acceptKeys.secretKey);
    const body = await readBody(request).catch(() => undefined);
    const log = (status: number) =>
      requests.push({
        method,
        endpoint: 'trading',
        path: url.pathname,
        query: url.searchParams,
        keys,
        status,
        barCount: 0,
        ...(body === undefined ? {} : { body }),
      });
    const limits = rateLimitHeaders(now(), requests.length);
    if (!(keys && accepted)) {
      log(401);
      return raw(response, 401, JSON.stringify({ code: 40110000, message: 'request is not authorized' }), {});
    }
    const fault = faults.find((candidate) => candidate.endpoint === 'trading' && candidate.left > 0);
    if (fault !== undefined && fault.kind === 'rate-limit') {
      fault.left -= 1;
      log(429);
      const after: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
      return raw(response, 429, JSON.stringify({ code: 42910000, message: 'rate limit exceeded' }), {
        ...limits,
        'X-RateLimit-Remaining': '0',
        ...after,
      });
    }
    const reply = trading.route(method, url.pathname, url.searchParams, body);
    log(reply.status);
    return raw(response, reply.status, reply.status === 204 ? '' : JSON.stringify(reply.body), limits);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new TypeError('the Alpaca fake has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    trading: trading.state,
    inject: (fault) => faults.push({ ...fault, left: fault.times ?? 1 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function endpointOf(method: string, path: string): AlpacaEndpoint {
  if (method !== 'GET') return 'other';
  if (path === '/v1beta3/crypto/us/bars') return 'crypto-bars';
  if (path === '/v2/stocks/bars') return 'stock-bars';
  if (path === '/v2/assets') return 'assets';
  if (path === CALENDAR_PATH) return 'calendar';
  return 'other';
}

function rateLimitHeaders(nowMs: number, served: number): Record<string, string> {
  const reset = Math.ceil(nowMs / 60_000) * 60;
  return {
    'X-RateLimit-Limit': '200',
    'X-RateLimit-Remaining': String(Math.max(0, 199 - (served % 200))),
    'X-RateLimit-Reset': String(reset),
  };
}

function raw(response: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(text);
}
