/** How many closed bars every decision looks back over: the fetcher serves this many, the engine reads them. */
export const ANALYSIS_LOOKBACK_BARS = 365;
