import type { AssetClass, Bar, Timeframe } from '../../../shared/domain/bar.js';
import { barCloseTime, closedBars } from '../../../shared/domain/sessions/bar-close.js';
import { rejectedSignalIdFor, signalIdFor } from '../../../shared/domain/ids.js';
import { PATTERN_NAMES } from '../../../shared/domain/patterns.js';
import type { HarmonicMatch, Pivot } from '../../../shared/domain/patterns.js';
import type {
  BarSnapshot,
  ConvictionTier,
  PatternClassification,
  RejectedCandidate,
  SignalCandidate,
} from '../../../shared/domain/signal.js';
import { NotEnoughBarsError } from '../../../shared/errors/errors.js';
import { analyzeSeries, bullishStructureAt, patternsAt, pivotsAt } from '../patterns/index.js';
import type { SeriesAnalysis } from '../patterns/index.js';
import { levelValidationFailures, qualityGateFailures } from './gates.js';
import { levelsFor, riskReward } from './levels.js';
import { ENGINE_PARAMS, ENGINE_VERSION, tunedParams } from './params.js';
import type { EngineTuning } from './params.js';
import { barSnapshotAt, confluenceFactorsAt, indicatorValuesAt } from './snapshot.js';

export { ENGINE_PARAMS, ENGINE_VERSION, PARAMS_HASH, tunedParams, type EngineTuning } from './params.js';

/** The decision on the last closed bar of one symbol. */
export interface CandidateResult {
  readonly candidates: SignalCandidate[];
  readonly rejected: RejectedCandidate[];
  /** The last closed bar with the indicator values the lifecycle of open signals needs. */
  readonly snapshot: BarSnapshot;
  /** The last `LIFECYCLE_BARS` closed bars the same way, oldest first (the last is `snapshot`), for the catch-up. */
  readonly snapshots: (BarSnapshot & { readonly closesAt: string })[];
}

/** How many recent closed bars each decision hands the lifecycle, so a missed scan costs no bar (DESIGN §6.9). */
export const LIFECYCLE_BARS = 30;

const DAY_MS = 86_400_000;
const ANCHOR_PIVOTS = 5;

/**
 * Finds the setup on the last **closed** bar at `now` (bars still forming are dropped) within the last
 * `lookbackBars` closed bars, exactly as the live system decides. The highest-priority pattern that holds
 * becomes the candidate; if it fails a quality gate or its levels do not validate, it is returned as a
 * rejected ("shadow") candidate with its reasons instead. A harmonic alone never makes a candidate; HIGH
 * conviction comes only from a bullish harmonic or Elliott structure completed within the last
 * `harmonicRecencyBars` bars.
 */
export function generateCandidates(
  symbol: string,
  assetClass: AssetClass,
  timeframe: Timeframe,
  bars: readonly Bar[],
  now: Date,
  tuning: EngineTuning = {},
): CandidateResult {
  return decideOn(symbol, assetClass, timeframe, decisionWindow(bars, timeframe, assetClass, now), now, tuning);
}

/** The closed bars a decision at a moment looks at (the last is the bar decided on), and their analysis. */
export interface DecisionWindow {
  readonly window: readonly Bar[];
  readonly analysis: SeriesAnalysis;
  readonly last: number;
}

/** The last `lookbackBars` bars closed at `now`, analysed; fewer than `minBars` is a `NotEnoughBarsError`. */
export function decisionWindow(bars: readonly Bar[], timeframe: Timeframe, assetClass: AssetClass, now: Date): DecisionWindow {
  const window = closedBars(bars, timeframe, assetClass, now).slice(-ENGINE_PARAMS.lookbackBars);
  if (window.length < ENGINE_PARAMS.minBars) throw new NotEnoughBarsError(ENGINE_PARAMS.minBars, window.length);
  return { window, analysis: analyzeSeries(window), last: window.length - 1 };
}

/** `generateCandidates` on a window already analysed. */
export function decideOn(
  symbol: string,
  assetClass: AssetClass,
  timeframe: Timeframe,
  { window, analysis, last }: DecisionWindow,
  now: Date,
  tuning: EngineTuning = {},
): CandidateResult {
  const { params, hash } = tunedParams(tuning);
  const snapshots: CandidateResult['snapshots'] = [];
  for (let i = Math.max(0, window.length - LIFECYCLE_BARS); i <= last; i++) {
    snapshots.push(barSnapshotAt(analysis, i, barCloseTime(window[i], timeframe, assetClass)));
  }
  const snapshot = snapshots[snapshots.length - 1];
  const flags = patternsAt(analysis, last);
  const present = PATTERN_NAMES.filter((name) => flags[name]);
  if (present.length === 0) return { candidates: [], rejected: [], snapshot, snapshots };

  const pattern = present[0];
  const bar = window[last];
  const harmonic = bullishStructureAt(analysis, last, params.conviction.harmonicRecencyBars);
  const tier: ConvictionTier = harmonic ? 'HIGH' : 'STANDARD';
  const levels = levelsFor(pattern, { ...bar, atr: analysis.atr14[last] }, params.levels.stopBufferAtr);
  const anchors = pivotsAt(analysis, last).slice(-ANCHOR_PIVOTS);
  const classification = classify(anchors, harmonic);
  const validityHours = ENGINE_PARAMS.validityHours[classification === 'MACRO_PATTERN' ? 'macro' : 'standard'];
  const gateInputs = { rsi: analysis.rsi14[last], adx: analysis.adx14[last] };
  const volumeRatio = analysis.volume[last] / analysis.volumeSma20[last];
  const rr = riskReward(levels);
  const base = {
    symbol,
    assetClass,
    timeframe,
    pattern,
    barTimestamp: bar.timestamp,
    barCloseTime: barCloseTime(bar, timeframe, assetClass),
    createdAt: now.toISOString(),
    validUntil: new Date(Date.parse(bar.timestamp) + validityHours * 3_600_000).toISOString(),
    ...levels,
    riskReward: rr,
    convictionTier: tier,
    classification,
    patternSpanBars: anchors.length > 1 ? anchors[anchors.length - 1].index - anchors[0].index : null,
    structuralAnchors: anchors,
    harmonic,
    confluenceFactors: confluenceFactorsAt(analysis, last),
    confluence: {
      volumeRatio,
      ...gateInputs,
      trendBullish: analysis.trendBullish[last] === 1,
      riskReward: rr,
      patternsPresent: present,
    },
    provenance: provenance(analysis, window, last, hash),
  };
  const reasons = [...qualityGateFailures(pattern, tier, gateInputs), ...levelValidationFailures(levels)];
  if (reasons.length > 0) {
    const signalId = rejectedSignalIdFor(symbol, timeframe, pattern, bar.timestamp);
    return { candidates: [], rejected: [{ ...base, signalId, reasons }], snapshot, snapshots };
  }
  return {
    candidates: [{ ...base, signalId: signalIdFor(symbol, timeframe, pattern, bar.timestamp) }],
    rejected: [],
    snapshot,
    snapshots,
  };
}

/** MACRO when the recent structure spans more than 90 calendar days or a macro harmonic agrees. */
function classify(anchors: readonly Pivot[], harmonic: HarmonicMatch | null): PatternClassification {
  if (harmonic?.isMacro) return 'MACRO_PATTERN';
  if (anchors.length < 2) return 'STANDARD_PATTERN';
  const spanDays = (Date.parse(anchors[anchors.length - 1].timestamp) - Date.parse(anchors[0].timestamp)) / DAY_MS;
  return spanDays > ENGINE_PARAMS.macroSpanDays ? 'MACRO_PATTERN' : 'STANDARD_PATTERN';
}

function provenance(analysis: SeriesAnalysis, window: readonly Bar[], last: number, paramsHash: string) {
  return {
    engineVersion: ENGINE_VERSION,
    paramsHash,
    firstBar: window[0].timestamp,
    lastBar: window[last].timestamp,
    bars: window.length,
    indicators: indicatorValuesAt(analysis, last),
  };
}
