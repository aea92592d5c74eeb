import { documented as d } from './env-docs.js';
import { booleanVar, enumVar, numberVar, patternVar, urlVar } from './env-values.js';

/** The variables of the "Trading and risk" group: execution switches, sizing and exposure limits. */
export const TRADING_VARIABLES = {
  ALPACA_PAPER_TRADING: d(booleanVar().default(true), {
    group: 'Trading and risk',
    description: 'Trade on the paper endpoint. false is refused: live money is not implemented.',
  }),
  ALLOW_LIVE_MONEY: d(patternVar(/^I_UNDERSTAND$/, 'exactly I_UNDERSTAND or unset').optional(), {
    group: 'Trading and risk',
    defaultText: 'unset',
    description: 'Second switch required before ALPACA_PAPER_TRADING=false is even considered (still refused today).',
  }),
  ENABLE_EXECUTION: d(booleanVar().default(false), {
    group: 'Trading and risk',
    description: 'Lets executeOrders act; orders reach Alpaca (paper) only with ENVIRONMENT=prod, otherwise fills are simulated.',
  }),
  ALPACA_TRADING_BASE_URL: d(urlVar().optional(), {
    group: 'Trading and risk',
    defaultText: 'https://paper-api.alpaca.markets (https://api.alpaca.markets if not paper)',
    description: 'Alpaca trading API root.',
  }),
  RISK_PER_TRADE: d(numberVar({ min: 10, max: 10_000 }).default(100), {
    group: 'Trading and risk',
    description: 'Dollars at risk per trade (entry to stop) used to size orders.',
  }),
  MIN_ORDER_NOTIONAL_USD: d(numberVar({ min: 1, max: 1_000_000 }).default(15), {
    group: 'Trading and risk',
    description: 'Smallest order value in dollars; smaller orders are skipped.',
  }),
  MAX_CRYPTO_POSITIONS: d(numberVar({ min: 0, max: 100, integer: true }).default(5), {
    group: 'Trading and risk',
    description: 'Open crypto positions allowed at once.',
  }),
  MAX_EQUITY_POSITIONS: d(numberVar({ min: 0, max: 100, integer: true }).default(5), {
    group: 'Trading and risk',
    description: 'Open equity positions allowed at once.',
  }),
  MAX_CRYPTO_POSITION_QTY: d(numberVar({ min: 0, max: 1e9 }).default(1_000_000), {
    group: 'Trading and risk',
    description: 'Largest quantity of one crypto position.',
  }),
  MAX_EQUITY_POSITION_QTY: d(numberVar({ min: 0, max: 1e7 }).default(10_000), {
    group: 'Trading and risk',
    description: 'Largest quantity of one equity position.',
  }),
  MAX_DAILY_DRAWDOWN_PCT: d(numberVar({ min: 0.001, max: 1 }).default(0.02), {
    group: 'Trading and risk',
    description: 'Daily loss, as a fraction of equity (0.02 = 2 %), after which no new order is placed.',
  }),
  MIN_ASSET_BP_USD: d(numberVar({ min: 0, max: 1e9 }).default(100), {
    group: 'Trading and risk',
    description: 'Buying power in dollars below which no new order is placed.',
  }),
  COOLDOWN_SCOPE: d(enumVar(['SYMBOL', 'PATTERN']).default('SYMBOL'), {
    group: 'Trading and risk',
    description: 'Whether the cool-down after a signal\'s exit blocks the whole symbol or only the same pattern on it.',
  }),
};
