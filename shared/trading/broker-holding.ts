import type { Broker } from './broker.port.js';
import { positionSymbol } from './trading-types.js';

/** What the broker holds of a symbol: its quantity and what a new sell may take (none held: zeros). */
export interface Holding {
  readonly qty: number;
  readonly available: number;
}

/** The broker's position in `symbol` (`BTC/USD` or `BTCUSD`), read now. */
export async function holdingAt(broker: Pick<Broker, 'positions'>, symbol: string): Promise<Holding> {
  const position = (await broker.positions()).find((p) => positionSymbol(p.symbol) === positionSymbol(symbol));
  return position === undefined ? { qty: 0, available: 0 } : { qty: position.qty, available: position.qtyAvailable };
}
