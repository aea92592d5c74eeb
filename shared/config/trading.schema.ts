import { documented as d } from './env-docs.js';
import { booleanVar, csvVar, enumVar, numberVar, patternVar, urlVar } from './env-values.js';
import { canonicalHostEntry, HOST_ENTRY_PATTERN } from './host-names.js';

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
    description:
      "Sends executeOrders' orders to Alpaca paper (with ALPACA_PAPER_TRADING=true and a paper, loopback or allow-listed trading host; on Cloud Functions also ENVIRONMENT=prod, except on the emulator stack). Otherwise the simulated broker fills them.",
  }),
  ALPACA_TRADING_BASE_URL: d(urlVar().optional(), {
    group: 'Trading and risk',
    defaultText: 'https://paper-api.alpaca.markets',
    description: 'Alpaca trading API root. A live trading host (api.alpaca.markets) is refused at start.',
  }),
  ALPACA_TRADING_HOST_ALLOWLIST: d(
    csvVar({ pattern: HOST_ENTRY_PATTERN, label: 'host names', normalise: canonicalHostEntry }).default([]),
    {
      group: 'Trading and risk',
      defaultText: 'empty',
      description:
        'Test trading servers orders may go to besides paper-api.alpaca.markets and loopback; with ENABLE_EXECUTION=true any other host is refused.',
    },
  ),
  RISK_FRACTION_OF_EQUITY: d(numberVar({ min: 0.0001, max: 0.05 }).optional(), {
    group: 'Trading and risk',
    defaultText: 'unset',
    description:
      'When set, the risk per trade is this fraction of account equity (0.01 = 1 %) instead of RISK_PER_TRADE dollars.',
  }),
  MAX_POSITION_NOTIONAL_USD: d(numberVar({ min: 10, max: 1e9 }).default(25_000), {
    group: 'Trading and risk',
    description: 'Largest value in dollars of one new position (also capped by buying power).',
  }),
  MAX_CORRELATION: d(numberVar({ min: 0, max: 1 }).default(0.8), {
    group: 'Trading and risk',
    description: 'Daily returns (90 bars) correlated above this with an open position count as the same exposure: no new entry.',
  }),
  MAX_CRYPTO_EXPOSURE_PCT: d(numberVar({ min: 0, max: 1 }).default(0.5), {
    group: 'Trading and risk',
    description: 'Largest share of equity held in crypto positions (0.5 = 50 %); an entry that would pass it is skipped.',
  }),
  MAX_EQUITY_EXPOSURE_PCT: d(numberVar({ min: 0, max: 1 }).default(0.8), {
    group: 'Trading and risk',
    description: 'Largest share of equity held in equity positions; an entry that would pass it is skipped.',
  }),
  CRYPTO_STOP_LIMIT_OFFSET_PCT: d(numberVar({ min: 0, max: 0.2 }).default(0.01), {
    group: 'Trading and risk',
    description:
      'The limit of a crypto protective stop_limit sell lies this fraction below its stop (a gap can jump a stop-limit).',
  }),
  PAPER_STARTING_EQUITY: d(numberVar({ min: 100, max: 1e9 }).default(100_000), {
    group: 'Trading and risk',
    description: 'Starting equity in dollars of the simulated broker (as an Alpaca paper account).',
  }),
  SIM_FEE_BPS_CRYPTO: d(numberVar({ min: 0, max: 500 }).default(25), {
    group: 'Trading and risk',
    description: 'Simulated broker fee on crypto fills, in basis points of the fill value.',
  }),
  SIM_FEE_BPS_EQUITY: d(numberVar({ min: 0, max: 500 }).default(0), {
    group: 'Trading and risk',
    description: 'Simulated broker fee on equity fills, in basis points of the fill value.',
  }),
  SIM_SLIPPAGE_BPS: d(numberVar({ min: 0, max: 500 }).default(5), {
    group: 'Trading and risk',
    description: 'Simulated slippage, in basis points against the order (buys fill higher, sells lower).',
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
    description: "Whether the cool-down after a signal's exit blocks the whole symbol or only the same pattern on it.",
  }),
};
