import test from 'ava';
import { formatJobLine } from '../../../scripts/run/run-report.js';
import type { JobReport } from '../../../scripts/run/job-run.js';

const failed: JobReport = {
  job: 'daily-crypto',
  scheduledAt: new Date('2026-11-30T00:05:00Z'),
  topic: 'scan-requests',
  failure: 'Alpaca answered 503',
  symbols: 2,
  bars: 0,
  alpacaRequests: 4,
  analyses: 0,
  newSignals: 0,
  events: 0,
  notifications: 0,
  deadLetters: 1,
  durationMs: 1_500,
};

test('a failed job says when it is tried again: at the next tick, or with --once by the next run', (t) => {
  const utc = { timeZone: 'Etc/UTC' };
  t.regex(
    formatJobLine(failed, utc),
    /^2026-11-30 00:05 UTC daily-crypto FAILED: Alpaca answered 503 \(.*\); tried again at the next tick$/,
  );
  t.regex(
    formatJobLine(failed, utc, true),
    /FAILED: Alpaca answered 503 \(.*1\.5 s\); not tried again by --once: the next run tries it$/,
  );
  t.notRegex(formatJobLine(failed, utc, true), /next tick/);
});
