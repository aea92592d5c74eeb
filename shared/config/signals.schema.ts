import { documented as d } from './env-docs.js';
import { numberVar } from './env-values.js';

/** The variables of the "Signal rules" group: the detection parameters an operator may tune. */
export const SIGNAL_VARIABLES = {
  HARMONIC_RECENCY_BARS: d(numberVar({ min: 0, max: 100, integer: true }).default(10), {
    group: 'Signal rules',
    description:
      'HIGH conviction needs a bullish harmonic or Elliott structure completed within this many bars before the signal bar.',
  }),
  STOP_BUFFER_ATR: d(numberVar({ min: 0, max: 5 }).default(0.25), {
    group: 'Signal rules',
    description: "The stop sits this many ATR14 under the pattern's invalidation anchor (or the signal bar's low).",
  }),
};
