import test from 'ava';
import { v5 as uuidv5 } from 'uuid';
import { generateCandidates, ENGINE_VERSION, PARAMS_HASH } from '../../../../functions/generate-signals/candidates/index.js';
import { analyzeSeries, harmonicsAt } from '../../../../functions/generate-signals/patterns/index.js';
import { NotEnoughBarsError } from '../../../../shared/errors/errors.js';
import type { Bar } from '../../../../shared/domain/bar.js';
import { loadBars } from '../../../helpers/data.js';

const btc = loadBars('btc-usd-1d.csv');
const nvda = loadBars('nvda-1d.csv');
const DAY = 86_400_000;

/** The bars up to and including `date`, and the moment that bar closed. */
function upTo(bars: readonly Bar[], date: string): { window: Bar[]; closedAt: Date } {
  const end = bars.findIndex((bar) => bar.timestamp.startsWith(date));
  if (end < 0) throw new Error(`no bar on ${date}`);
  return { window: bars.slice(0, end + 1), closedAt: new Date(Date.parse(bars[end].timestamp) + DAY) };
}

test('BULLISH_BELT_HOLD on btc-usd-1d.csv 2024-02-08 becomes a candidate with reference levels', (t) => {
  const { window, closedAt } = upTo(btc, '2024-02-08');
  const { candidates, rejected, snapshot } = generateCandidates('BTC/USD', 'CRYPTO', '1Day', window, closedAt);
  t.is(rejected.length, 0);
  t.is(candidates.length, 1);
  const [c] = candidates;
  const bar = window[window.length - 1];
  const atr = c.provenance.indicators.atr14;
  t.is(c.pattern, 'BULLISH_BELT_HOLD');
  t.is(c.barTimestamp, '2024-02-08T00:00:00Z');
  t.is(c.barCloseTime, '2024-02-09T00:00:00Z');
  t.is(c.entry, bar.close);
  t.is(c.stop, bar.low - 0.25 * atr);
  t.is(c.invalidation, null);
  t.deepEqual([c.tp1, c.tp2, c.tp3], [bar.close + 2 * atr, bar.close + 4 * atr, bar.close + 6 * atr]);
  t.is(c.riskReward, (c.tp1 - c.entry) / (c.entry - c.stop));
  t.is(c.convictionTier, 'STANDARD');
  t.is(c.validUntil, '2024-02-10T00:00:00.000Z', 'bar open + 48 h');
  t.is(c.createdAt, closedAt.toISOString());
  t.is(snapshot.timestamp, bar.timestamp, 'the lifecycle snapshot is the same bar');
  t.is(c.confluence.patternsPresent[0], 'BULLISH_BELT_HOLD');
});

test('signalId is UUIDv5 of symbol|timeframe|PATTERN|barOpenTime, stable across runs and machines', (t) => {
  const { window, closedAt } = upTo(btc, '2024-02-08');
  const [c] = generateCandidates('BTC/USD', 'CRYPTO', '1Day', window, closedAt).candidates;
  t.is(c.signalId, uuidv5('BTC/USD|1Day|BULLISH_BELT_HOLD|2024-02-08T00:00:00Z', uuidv5.DNS));
  t.is(
    c.signalId,
    '0bfd1e53-0ed6-5c5b-a51f-71a75acb1c7f',
    'Python uuid.uuid5(NAMESPACE_DNS, …) gives this id too; stored ids must never change',
  );
});

test('each candidate carries its provenance: engine version, parameter hash, bars used, indicator values', (t) => {
  const { window, closedAt } = upTo(btc, '2024-02-08');
  const [c] = generateCandidates('BTC/USD', 'CRYPTO', '1Day', window, closedAt).candidates;
  t.is(c.provenance.engineVersion, ENGINE_VERSION);
  t.is(c.provenance.paramsHash, PARAMS_HASH);
  t.regex(c.provenance.paramsHash, /^[0-9a-f]{16}$/);
  t.is(c.provenance.bars, 365);
  t.is(c.provenance.lastBar, '2024-02-08T00:00:00Z');
  t.is(c.provenance.firstBar, window[window.length - 365].timestamp);
  for (const key of ['rsi14', 'adx14', 'atr14', 'ema50', 'volumeSma20', 'chandelierLong']) {
    t.true(Number.isFinite(c.provenance.indicators[key]), key);
  }
  t.is(c.confluence.rsi, c.provenance.indicators.rsi14);
});

test('the decision uses only the last 365 closed bars, so a longer history changes nothing', (t) => {
  const { window, closedAt } = upTo(btc, '2024-02-08');
  const full = generateCandidates('BTC/USD', 'CRYPTO', '1Day', window, closedAt);
  const trimmed = generateCandidates('BTC/USD', 'CRYPTO', '1Day', window.slice(-365), closedAt);
  t.deepEqual(full, trimmed);
});

test('drops the forming candle: a bar that has not closed at `now` is not decided on', (t) => {
  const { window, closedAt } = upTo(btc, '2024-02-09');
  const halfway = new Date(closedAt.getTime() - DAY / 2);
  const result = generateCandidates('BTC/USD', 'CRYPTO', '1Day', window, halfway);
  t.is(result.snapshot.timestamp, '2024-02-08T00:00:00Z');
  t.is(result.candidates[0]?.pattern, 'BULLISH_BELT_HOLD', 'the decision of the 8th, made again');
});

test('BULLISH_BELT_HOLD on btc-usd-1d.csv 2024-02-27 is rejected as a shadow with every reason', (t) => {
  const { window, closedAt } = upTo(btc, '2024-02-27');
  const { candidates, rejected } = generateCandidates('BTC/USD', 'CRYPTO', '1Day', window, closedAt);
  t.is(candidates.length, 0);
  t.is(rejected.length, 1);
  const [shadow] = rejected;
  t.is(shadow.pattern, 'BULLISH_BELT_HOLD');
  t.is(shadow.reasons.length, 2);
  t.regex(shadow.reasons[0], /^RSI \d+ > 70 \(Overbought\)$/);
  t.regex(shadow.reasons[1], /^VALIDATION_FAILED: R:R [\d.]+ < 1\.5$/);
  t.is(shadow.signalId, uuidv5('BTC/USD|1Day|BULLISH_BELT_HOLD|2024-02-27T00:00:00Z|REJECTED', uuidv5.DNS));
});

test('HIGH conviction from a bullish Elliott count completed in the last 10 bars: THREE_INSIDE_UP on nvda-1d.csv 2009-03-18', (t) => {
  const { window, closedAt } = upTo(nvda, '2009-03-18');
  const [c] = generateCandidates('NVDA', 'EQUITY', '1Day', window, closedAt).candidates;
  t.is(c.pattern, 'THREE_INSIDE_UP');
  t.is(c.convictionTier, 'HIGH');
  t.is(c.harmonic?.type, 'ELLIOTT_WAVE_135');
  const end = c.harmonic?.pivots.at(-1);
  t.is(end?.type, 'VALLEY', 'bullish: the count ends on its wave-4 low');
  t.true(
    (end?.index ?? -Infinity) >= c.provenance.bars - 1 - 10,
    'completed within the last 10 bars (pivot indices count in the analysed window)',
  );
  t.true(c.riskReward >= 1.5, 'R:R is never relaxed');
  const stale = generateCandidates('NVDA', 'EQUITY', '1Day', window, closedAt, { harmonicRecencyBars: 0 }).candidates[0];
  t.is(stale?.convictionTier, 'STANDARD', 'with a recency of 0 bars the same count is too old');
  t.not(stale?.provenance.paramsHash, c.provenance.paramsHash, 'tuned parameters have their own hash');
  const again = generateCandidates('NVDA', 'EQUITY', '1Day', window, closedAt, { harmonicRecencyBars: 0 }).candidates[0];
  t.is(again?.provenance.paramsHash, stale?.provenance.paramsHash, 'the same tuning, the same hash (remembered)');
  const other = generateCandidates('NVDA', 'EQUITY', '1Day', window, closedAt, { harmonicRecencyBars: 0, stopBufferAtr: 0.5 });
  t.not(other.candidates[0]?.provenance.paramsHash, stale?.provenance.paramsHash, 'another tuning, another hash');
});

test('an old or bearish harmonic context no longer makes HIGH conviction: ASCENDING_TRIANGLE on btc-usd-1d.csv 2024-06-04', (t) => {
  const { window, closedAt } = upTo(btc, '2024-06-04');
  const last = window.slice(-365);
  t.not(harmonicsAt(analyzeSeries(last), last.length - 1), null, 'the reference would have called this HIGH');
  const [c] = generateCandidates('BTC/USD', 'CRYPTO', '1Day', window, closedAt).candidates;
  t.is(c.pattern, 'ASCENDING_TRIANGLE');
  t.is(c.convictionTier, 'STANDARD');
  t.is(c.harmonic, null);
  t.true(c.structuralAnchors.length === 5 && c.structuralAnchors.every((p, i, all) => i === 0 || p.index > all[i - 1].index));
});

test('a bar with no pattern gives no candidate but still the lifecycle snapshot', (t) => {
  const { window, closedAt } = upTo(btc, '2024-02-07');
  const result = generateCandidates('BTC/USD', 'CRYPTO', '1Day', window, closedAt);
  t.deepEqual([result.candidates.length, result.rejected.length], [0, 0]);
  t.is(result.snapshot.timestamp, '2024-02-07T00:00:00Z');
  t.true(Number.isFinite(result.snapshot.chandelierLong));
});

test('fewer than 60 closed bars is NotEnoughBarsError, naming both counts', (t) => {
  const { window, closedAt } = upTo(btc, '2016-02-28');
  const error = t.throws(() => generateCandidates('BTC/USD', 'CRYPTO', '1Day', window, closedAt), {
    instanceOf: NotEnoughBarsError,
  });
  t.is(error?.message, 'need at least 60 bars, got 59');
});
