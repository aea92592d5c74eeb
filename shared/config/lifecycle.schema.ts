import { documented as d } from './env-docs.js';
import { enumVar, numberVar } from './env-values.js';

const bars = (fallback: number, description: string) =>
  d(numberVar({ min: 1, max: 1000, integer: true }).default(fallback), { group: 'Trading and risk', description });

/** The variables of the signal lifecycle (DESIGN §6.8–12): validity and cool-down in bars, one open signal, costs. */
export const LIFECYCLE_VARIABLES = {
  VALIDITY_BARS_1DAY: bars(
    5,
    "Daily bars within which a signal must reach TP1 or its stop, else it ends EXPIRED at that bar's close.",
  ),
  VALIDITY_BARS_4HOUR: bars(12, 'The same for 4-hour signals.'),
  VALIDITY_BARS_1HOUR: bars(24, 'The same for 1-hour signals.'),
  COOLDOWN_BARS_1DAY: bars(2, 'Daily bars after an exit during which a new entry within 10 % of the exit price is blocked.'),
  COOLDOWN_BARS_4HOUR: bars(12, 'The same for 4-hour signals.'),
  COOLDOWN_BARS_1HOUR: bars(48, 'The same for 1-hour signals.'),
  OPEN_SIGNAL_SCOPE: d(enumVar(['SYMBOL', 'TIMEFRAME']).default('SYMBOL'), {
    group: 'Trading and risk',
    description: 'One open signal per symbol across timeframes (SYMBOL, the reference) or per symbol and timeframe (TIMEFRAME).',
  }),
  FEE_PCT_CRYPTO: d(numberVar({ min: 0, max: 5 }).default(0.25), {
    group: 'Trading and risk',
    description: 'Fee per side in percent of the notional for crypto signals; R net is after it.',
  }),
  FEE_PCT_EQUITY: d(numberVar({ min: 0, max: 5 }).default(0), {
    group: 'Trading and risk',
    description: 'Fee per side in percent of the notional for equity signals.',
  }),
  SLIPPAGE_BPS: d(numberVar({ min: 0, max: 500 }).default(0), {
    group: 'Trading and risk',
    description: 'Slippage per fill in basis points, added to the fee in R net.',
  }),
};
