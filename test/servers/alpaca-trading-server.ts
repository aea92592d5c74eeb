import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A wire order (wire-formats.md B.3–B.4): numbers as strings, `legs` only when nested. */
export interface WireOrder {
  id: string;
  client_order_id: string;
  created_at: string;
  updated_at: string;
  submitted_at: string;
  filled_at: string | null;
  canceled_at: string | null;
  replaced_at: string | null;
  replaced_by: string | null;
  replaces: string | null;
  asset_id: string;
  symbol: string;
  asset_class: 'crypto' | 'us_equity';
  notional: null;
  qty: string;
  filled_qty: string;
  filled_avg_price: string | null;
  order_class: '' | 'bracket';
  order_type: string;
  type: string;
  side: 'buy' | 'sell';
  time_in_force: string;
  limit_price: string | null;
  stop_price: string | null;
  status: string;
  extended_hours: boolean;
  legs: WireOrder[] | null;
}

/** What the trading side of the fake starts with. */
export interface TradingServerOptions {
  /** The price market orders fill at, per symbol (`BTC/USD`, `SPY`); set later with `setPrice`. */
  readonly prices?: Readonly<Record<string, number>>;
  readonly cash?: number;
  /** `last_equity`; default the starting cash. */
  readonly lastEquity?: number;
  readonly tradingBlocked?: boolean;
  /**
   * Market orders of these symbols fill only this fraction at first (`partially_filled`; 0: nothing, `accepted`);
   * `completeFills()` finishes them.
   */
  readonly partialFill?: Readonly<Record<string, number>>;
  /** The stock market is closed: equity market orders are accepted and wait for `openMarket()` (crypto trades on). */
  readonly marketClosed?: boolean;
  /** Account activities: every page answered as the first, as a server that ignores `page_token` would. */
  readonly activitiesIgnorePageToken?: boolean;
  /** Positions held before the test (orphans, for instance), by order symbol. */
  readonly positions?: Readonly<Record<string, { qty: number; price: number }>>;
}

/** The fake's book, for tests to drive and inspect. */
export interface TradingState {
  readonly orders: WireOrder[];
  /** Moves the price: resting limit and stop orders the price reaches fill (a bracket leg's sibling is canceled). */
  setPrice(symbol: string, price: number): void;
  /** Fills the rest of every partially filled order, and accepted market orders. */
  completeFills(): void;
  /** Opens the stock market: equity market orders accepted while it was closed fill at the price now set. */
  openMarket(): void;
  /** Closes the stock market: equity market orders from now on are accepted and wait for `openMarket()`. */
  closeMarket(): void;
  /** Position quantity by position symbol (`BTCUSD`, `SPY`). */
  positionQty(symbol: string): number;
  /** Forgets an order (as if Alpaca never had it). */
  forget(clientOrderId: string): void;
  /** Removes a position without an order (closed elsewhere). */
  dropPosition(symbol: string): void;
  /**
   * Alpaca's end-of-day crypto fee, taken in the coin received (wire-formats.md B.6): `qty` of the position (order
   * or position symbol) goes, and a CFEE activity at `price` is listed by `GET /v2/account/activities`, dated `date`
   * (`YYYY-MM-DD`; the server's today when absent). Returns it.
   */
  postCryptoFee(symbol: string, qty: number, price: number, date?: string): WireActivity;
  /** The account activities posted so far, oldest first. */
  readonly activities: readonly WireActivity[];
}

/** A CFEE account activity as Alpaca lists it (no `order_id`; `qty` negative, in the coin). */
export interface WireActivity {
  id: string;
  activity_type: 'CFEE';
  date: string;
  net_amount: string;
  description: string;
  symbol: string;
  qty: string;
  price: string;
  status: 'executed';
}

/** The answer of one trading request. */
export interface TradingReply {
  readonly status: number;
  readonly body: unknown;
}

const OPEN = new Set(['new', 'accepted', 'pending_new', 'partially_filled', 'held']);
const posKey = (symbol: string) => symbol.replace('/', '');
const text = (n: number) => String(Number(n.toFixed(9)));
const err = (status: number, code: number, message: string, extra: Record<string, unknown> = {}): TradingReply => ({
  status,
  body: { code, message, ...extra },
});

/** Which requests the trading side answers. */
export function isTradingPath(path: string): boolean {
  return (
    path === '/v2/account' ||
    path.startsWith('/v2/account/activities') ||
    path.startsWith('/v2/orders') ||
    path.startsWith('/v2/positions')
  );
}

/** Reads a JSON request body (empty → undefined). */
export async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw === '' ? undefined : (JSON.parse(raw) as unknown);
}

/**
 * Alpaca's trading API v2 as wire-formats.md B describes it, in memory: orders (simple and bracket; crypto simple
 * only), replace, cancel, by client order id (422 on a duplicate, 403 on insufficient buying power or quantity),
 * positions (crypto without the slash, 404 when none), account, and crypto fees in the coin as CFEE account activities.
 * Market orders fill at once at the set price.
 */
export function createTradingRoutes(options: TradingServerOptions, now: () => number) {
  const prices = new Map(Object.entries(options.prices ?? {}));
  const orders: WireOrder[] = [];
  const positions = new Map<string, { symbol: string; qty: number; cost: number; assetClass: 'crypto' | 'us_equity' }>();
  for (const [symbol, held] of Object.entries(options.positions ?? {})) {
    positions.set(posKey(symbol), {
      symbol,
      qty: held.qty,
      cost: held.qty * held.price,
      assetClass: symbol.includes('/') ? 'crypto' : 'us_equity',
    });
    if (!prices.has(symbol)) prices.set(symbol, held.price);
  }
  let cash = options.cash ?? 100_000;
  const lastEquity = options.lastEquity;
  const stamp = () => new Date(now()).toISOString();
  const all = (): WireOrder[] => orders.flatMap((o) => [o, ...(o.legs ?? [])]);
  const priceOf = (symbol: string) => prices.get(symbol) ?? 100;

  const equity = () => cash + [...positions.values()].reduce((sum, p) => sum + p.qty * priceOf(p.symbol), 0);
  const account = () => ({
    id: 'a1f3e5c2-0000-4000-8000-000000000001',
    account_number: 'PA3TESTACCT',
    status: 'ACTIVE',
    crypto_status: 'ACTIVE',
    currency: 'USD',
    buying_power: text(cash),
    regt_buying_power: text(cash),
    daytrading_buying_power: '0',
    non_marginable_buying_power: text(cash),
    cash: text(cash),
    portfolio_value: text(equity()),
    equity: text(equity()),
    last_equity: text(lastEquity ?? options.cash ?? 100_000),
    long_market_value: text(equity() - cash),
    short_market_value: '0',
    multiplier: '1',
    trading_blocked: options.tradingBlocked ?? false,
    account_blocked: false,
    shorting_enabled: false,
    created_at: '2024-01-01T00:00:00Z',
  });

  const fill = (order: WireOrder, qty: number, price: number) => {
    const before = Number(order.filled_qty);
    const total = before + qty;
    const avg = ((order.filled_avg_price === null ? 0 : Number(order.filled_avg_price) * before) + qty * price) / total;
    order.filled_qty = text(total);
    order.filled_avg_price = text(avg);
    order.status = total + 1e-12 >= Number(order.qty) ? 'filled' : 'partially_filled';
    order.filled_at = stamp();
    order.updated_at = stamp();
    const key = posKey(order.symbol);
    const held = positions.get(key) ?? { symbol: order.symbol, qty: 0, cost: 0, assetClass: order.asset_class };
    if (order.side === 'buy') {
      held.qty += qty;
      held.cost += qty * price;
      cash -= qty * price;
    } else {
      const avgCost = held.qty > 0 ? held.cost / held.qty : price;
      held.qty -= qty;
      held.cost -= qty * avgCost;
      cash += qty * price;
    }
    if (held.qty <= 1e-12) positions.delete(key);
    else positions.set(key, held);
  };

  // A bracket's two exit legs are one-cancels-other: together they hold their quantity once.
  const remaining = (o: WireOrder) => (o.side === 'sell' && OPEN.has(o.status) ? Number(o.qty) - Number(o.filled_qty) : 0);
  const heldBySells = (symbol: string) =>
    orders
      .filter((o) => o.symbol === symbol)
      .reduce((s, o) => s + remaining(o) + Math.max(0, ...(o.legs ?? []).map(remaining)), 0);

  const newOrder = (body: Record<string, unknown>, overrides: Partial<WireOrder> = {}): WireOrder => {
    const symbol = String(body.symbol);
    const at = stamp();
    return {
      id: randomUUID(),
      client_order_id: typeof body.client_order_id === 'string' ? body.client_order_id : randomUUID(),
      created_at: at,
      updated_at: at,
      submitted_at: at,
      filled_at: null,
      canceled_at: null,
      replaced_at: null,
      replaced_by: null,
      replaces: null,
      asset_id: randomUUID(),
      symbol,
      asset_class: symbol.includes('/') ? 'crypto' : 'us_equity',
      notional: null,
      qty: text(Number(body.qty)),
      filled_qty: '0',
      filled_avg_price: null,
      order_class: '',
      order_type: String(body.type),
      type: String(body.type),
      side: body.side === 'sell' ? 'sell' : 'buy',
      time_in_force: String(body.time_in_force),
      limit_price: body.limit_price === undefined ? null : String(body.limit_price),
      stop_price: body.stop_price === undefined ? null : String(body.stop_price),
      status: 'new',
      extended_hours: false,
      legs: null,
      ...overrides,
    };
  };

  let marketClosed = options.marketClosed ?? false;
  const marketFill = (order: WireOrder) => {
    if (marketClosed && order.asset_class === 'us_equity') {
      order.status = 'accepted';
      return;
    }
    const fraction = options.partialFill?.[order.symbol];
    if (fraction === 0) {
      order.status = 'accepted';
      return;
    }
    fill(
      order,
      fraction === undefined ? Number(order.qty) : Number((Number(order.qty) * fraction).toFixed(9)),
      priceOf(order.symbol),
    );
  };

  const submit = (raw: unknown): TradingReply => {
    if (typeof raw !== 'object' || raw === null) return err(422, 40010000, 'invalid body');
    const body = raw as Record<string, unknown>;
    const symbol = String(body.symbol ?? '');
    const qty = Number(body.qty);
    if (!(qty > 0)) return err(422, 40010000, 'qty must be > 0');
    if (typeof body.client_order_id === 'string') {
      if (body.client_order_id.length > 128) return err(422, 40010000, 'client_order_id must be no more than 128 characters');
      if (all().some((o) => o.client_order_id === body.client_order_id))
        return err(422, 40010001, 'client_order_id must be unique');
    }
    const crypto = symbol.includes('/');
    const orderClass = String(body.order_class ?? 'simple');
    if (crypto && orderClass !== 'simple')
      return err(422, 42210000, 'crypto orders not allowed for advanced order_class: ' + orderClass);
    if (crypto && !['market', 'limit', 'stop_limit'].includes(String(body.type)))
      return err(422, 42210000, `invalid crypto order type: ${String(body.type)}`);
    if (crypto && !['gtc', 'ioc'].includes(String(body.time_in_force))) return err(422, 42210000, 'invalid crypto time_in_force');
    const side = body.side === 'sell' ? 'sell' : 'buy';
    if (side === 'buy') {
      const cost = qty * Number(body.limit_price ?? priceOf(symbol));
      if (cost > cash)
        return err(403, 40310000, 'insufficient buying power', { buying_power: text(cash), cost_basis: text(cost) });
    } else {
      const available = (positions.get(posKey(symbol))?.qty ?? 0) - heldBySells(symbol);
      if (qty > available + 1e-12)
        return err(
          403,
          40310000,
          `insufficient qty available for order (requested: ${qty}, available: ${text(Math.max(0, available))})`,
        );
    }
    if (orderClass === 'bracket') {
      const tp = body.take_profit as { limit_price?: unknown } | undefined;
      const sl = body.stop_loss as { stop_price?: unknown; limit_price?: unknown } | undefined;
      if (tp?.limit_price === undefined || sl?.stop_price === undefined)
        return err(422, 42210000, 'bracket orders require take_profit.limit_price and stop_loss.stop_price');
      if (Number(tp.limit_price) <= Number(sl.stop_price))
        return err(422, 42210000, 'take_profit.limit_price must be > stop_loss.stop_price');
      const order = newOrder(body, { order_class: 'bracket' });
      const leg = (fields: Record<string, unknown>) =>
        newOrder({ ...body, side: 'sell', client_order_id: undefined, ...fields }, { order_class: 'bracket', status: 'held' });
      order.legs = [
        leg({ type: 'limit', limit_price: tp.limit_price }),
        leg({
          type: sl.limit_price === undefined ? 'stop' : 'stop_limit',
          stop_price: sl.stop_price,
          limit_price: sl.limit_price,
        }),
      ];
      orders.push(order);
      if (order.type === 'market') marketFill(order);
      if (order.status === 'filled') for (const l of order.legs) l.status = 'new';
      return { status: 200, body: order };
    }
    const order = newOrder(body);
    orders.push(order);
    if (order.type === 'market') marketFill(order);
    return { status: 200, body: order };
  };

  const find = (id: string) => all().find((o) => o.id === id);
  const notFound = (id: string) => err(404, 40410000, `order not found for ${id}`);

  const replace = (id: string, raw: unknown): TradingReply => {
    const old = find(id);
    if (old === undefined) return notFound(id);
    if (!OPEN.has(old.status) || old.status === 'held')
      return err(422, 42210000, `order is not replaceable in "${old.status}" state`);
    const changes = (raw ?? {}) as Record<string, unknown>;
    if (old.asset_class === 'crypto' && old.side === 'sell') {
      // The new order must find its quantity in the position, as a new sell would (the old one's is given back).
      const qty = changes.qty === undefined ? Number(old.qty) : Number(changes.qty);
      const available = (positions.get(posKey(old.symbol))?.qty ?? 0) - heldBySells(old.symbol) + remaining(old);
      if (qty - Number(old.filled_qty) > available + 1e-12)
        return err(
          403,
          40310000,
          `insufficient qty available for order (requested: ${text(qty)}, available: ${text(Math.max(0, available))})`,
        );
    }
    const next: WireOrder = {
      ...old,
      id: randomUUID(),
      qty: changes.qty === undefined ? old.qty : text(Number(changes.qty)),
      stop_price: changes.stop_price === undefined ? old.stop_price : String(changes.stop_price),
      limit_price: changes.limit_price === undefined ? old.limit_price : String(changes.limit_price),
      replaces: old.id,
      status: 'new',
      created_at: stamp(),
      updated_at: stamp(),
    };
    old.status = 'replaced';
    old.replaced_by = next.id;
    old.replaced_at = stamp();
    const parent = orders.find((o) => o.legs?.includes(old));
    if (parent?.legs) parent.legs = parent.legs.map((l) => (l === old ? next : l));
    else orders.push(next);
    return { status: 200, body: next };
  };

  const cancel = (id: string): TradingReply => {
    const order = find(id);
    if (order === undefined) return notFound(id);
    if (!OPEN.has(order.status)) return err(422, 42210000, `order is already in "${order.status}" state`);
    order.status = 'canceled';
    order.canceled_at = stamp();
    return { status: 204, body: '' };
  };

  const wirePosition = (p: { symbol: string; qty: number; cost: number; assetClass: 'crypto' | 'us_equity' }) => {
    const price = priceOf(p.symbol);
    return {
      asset_id: randomUUID(),
      symbol: posKey(p.symbol),
      exchange: p.assetClass === 'crypto' ? 'CRYPTO' : 'NASDAQ',
      asset_class: p.assetClass,
      asset_marginable: false,
      avg_entry_price: text(p.cost / p.qty),
      qty: text(p.qty),
      qty_available: text(Math.max(0, p.qty - heldBySells(p.symbol))),
      side: 'long',
      market_value: text(p.qty * price),
      cost_basis: text(p.cost),
      unrealized_pl: text(p.qty * price - p.cost),
      unrealized_plpc: '0',
      unrealized_intraday_pl: '0',
      unrealized_intraday_plpc: '0',
      current_price: text(price),
      lastday_price: text(price),
      change_today: '0',
    };
  };

  const activities: WireActivity[] = [];
  // GET /v2/account/activities[/{type}] (B.6): filtered by type and `after`, `direction` (desc by default), pages of
  // `page_size` continued after the `page_token` id.
  const listActivities = (type: string | undefined, query: URLSearchParams): TradingReply => {
    const types = type === undefined ? query.get('activity_types')?.split(',') : [type];
    const after = query.get('after');
    const afterMs = after === null ? null : Date.parse(after);
    if (afterMs !== null && Number.isNaN(afterMs)) return err(422, 40010000, 'invalid after');
    const size = Number(query.get('page_size') ?? 100);
    if (!Number.isInteger(size) || size < 1 || size > 100) return err(422, 40010000, 'page_size must be 1..100');
    const ordered = activities.filter(
      (a) => (types === undefined || types.includes(a.activity_type)) && (afterMs === null || Date.parse(a.date) > afterMs),
    );
    if (query.get('direction') !== 'asc') ordered.reverse();
    const token = query.get('page_token');
    const start = token === null || options.activitiesIgnorePageToken === true ? 0 : ordered.findIndex((a) => a.id === token) + 1;
    return { status: 200, body: ordered.slice(start, start + size) };
  };

  const route = (method: string, path: string, query: URLSearchParams, body: unknown): TradingReply => {
    if (path === '/v2/account' && method === 'GET') return { status: 200, body: account() };
    if (path === '/v2/account/activities' && method === 'GET') return listActivities(undefined, query);
    const activityMatch = /^\/v2\/account\/activities\/([A-Z]+)$/.exec(path);
    if (activityMatch && method === 'GET') return listActivities(activityMatch[1], query);
    if (path === '/v2/orders' && method === 'POST') return submit(body);
    if (path === '/v2/orders' && method === 'GET') {
      const status = query.get('status') ?? 'open';
      const nested = query.get('nested') === 'true';
      const pick = (o: WireOrder) => status === 'all' || (status === 'open') === OPEN.has(o.status);
      const list = nested
        ? orders.filter(pick).map((o) => ({ ...o }))
        : all()
            .filter(pick)
            .map((o) => ({ ...o, legs: null }));
      return { status: 200, body: list.slice(0, Number(query.get('limit') ?? 50)) };
    }
    if (path === '/v2/orders:by_client_order_id' && method === 'GET') {
      const id = query.get('client_order_id') ?? '';
      const order = [...all()].reverse().find((o) => o.client_order_id === id);
      return order === undefined ? err(404, 40410000, `order not found for ${id}`) : { status: 200, body: order };
    }
    const orderMatch = /^\/v2\/orders\/([^/]+)$/.exec(path);
    if (orderMatch) {
      const id = decodeURIComponent(orderMatch[1]);
      if (method === 'GET') return find(id) === undefined ? notFound(id) : { status: 200, body: find(id) };
      if (method === 'PATCH') return replace(id, body);
      if (method === 'DELETE') return cancel(id);
    }
    if (path === '/v2/positions' && method === 'GET') return { status: 200, body: [...positions.values()].map(wirePosition) };
    const positionMatch = /^\/v2\/positions\/([^/]+)$/.exec(path);
    if (positionMatch) {
      const held = positions.get(positionMatch[1]);
      if (held === undefined) return err(404, 40410000, 'position does not exist');
      if (method === 'GET') return { status: 200, body: wirePosition(held) };
      if (method === 'DELETE') {
        const qty = query.get('qty') === null ? held.qty : Number(query.get('qty'));
        return submit({
          symbol: held.symbol,
          qty: text(qty),
          side: 'sell',
          type: 'market',
          time_in_force: held.assetClass === 'crypto' ? 'gtc' : 'day',
        });
      }
    }
    return err(404, 40410000, 'not found');
  };

  const state: TradingState = {
    orders,
    setPrice(symbol, price) {
      prices.set(symbol, price);
      for (const order of all()) {
        if (order.symbol !== symbol || !OPEN.has(order.status) || order.status === 'held' || order.side !== 'sell') continue;
        const limit = order.limit_price === null ? null : Number(order.limit_price);
        const stop = order.stop_price === null ? null : Number(order.stop_price);
        let at: number | null = null;
        if (order.type === 'limit' && limit !== null && price >= limit) at = limit;
        if (order.type === 'stop' && stop !== null && price <= stop) at = price;
        if (order.type === 'stop_limit' && stop !== null && price <= stop && limit !== null && price >= limit) at = price;
        if (at === null) continue;
        fill(order, Number(order.qty) - Number(order.filled_qty), at);
        const parent = orders.find((o) => o.legs?.includes(order));
        for (const sibling of parent?.legs ?? []) if (sibling !== order && OPEN.has(sibling.status)) sibling.status = 'canceled';
      }
    },
    completeFills() {
      for (const order of all())
        if (order.status === 'partially_filled' || (order.status === 'accepted' && order.type === 'market'))
          fill(order, Number(order.qty) - Number(order.filled_qty), priceOf(order.symbol));
      for (const order of orders)
        if (order.status === 'filled') for (const leg of order.legs ?? []) if (leg.status === 'held') leg.status = 'new';
    },
    openMarket() {
      marketClosed = false;
      for (const order of orders) {
        if (order.status !== 'accepted' || order.type !== 'market') continue;
        fill(order, Number(order.qty), priceOf(order.symbol));
        for (const leg of order.legs ?? []) if (leg.status === 'held') leg.status = 'new';
      }
    },
    closeMarket() {
      marketClosed = true;
    },
    positionQty: (symbol) => Number((positions.get(posKey(symbol))?.qty ?? 0).toFixed(9)),
    forget(clientOrderId) {
      const index = orders.findIndex((o) => o.client_order_id === clientOrderId);
      if (index >= 0) orders.splice(index, 1);
    },
    dropPosition: (symbol) => void positions.delete(posKey(symbol)),
    postCryptoFee(symbol, qty, price, date) {
      const held = positions.get(posKey(symbol));
      if (held !== undefined) {
        const avgCost = held.cost / held.qty;
        held.qty -= qty;
        held.cost -= qty * avgCost;
        if (held.qty <= 1e-12) positions.delete(posKey(symbol));
      }
      const day = date ?? stamp().slice(0, 10);
      const activity: WireActivity = {
        id: `${day.replaceAll('-', '')}000000000::${randomUUID()}`,
        activity_type: 'CFEE',
        date: day,
        net_amount: '0',
        description: 'Coin Pair Transaction Fee (Non USD)',
        symbol: posKey(symbol),
        qty: text(-qty),
        price: text(price),
        status: 'executed',
      };
      activities.push(activity);
      return activity;
    },
    activities,
  };

  return { route, state };
}
