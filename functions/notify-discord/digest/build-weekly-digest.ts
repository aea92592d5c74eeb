import type { PerformanceStats } from '../../../shared/analytics/performance.js';
import type { EmbedField } from '../discord/message.types.js';
import { inline, patternTitle } from '../embeds/embed-parts.js';
import type { Notification } from '../notification-sink.port.js';
import { digestNotification } from './digest-notification.js';
import { rMultiple } from '../text-parts.js';
import type { DigestPeriod } from './digest-period.js';

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(0)} %`);

/** Best and worst pattern of the week by expectancy (net R per signal); ties go to the one with more signals. */
function ranked(byPattern: readonly PerformanceStats[]): PerformanceStats[] {
  return [...byPattern]
    .filter((p) => p.expectancy_r !== null)
    .sort(
      (a, b) =>
        (b.expectancy_r ?? 0) - (a.expectancy_r ?? 0) ||
        b.signals - a.signals ||
        (a.pattern ?? '').localeCompare(b.pattern ?? ''),
    );
}

/**
 * The weekly performance digest (pure): the signals that closed in the week, their win rate, expectancy and
 * profit factor, and the best and worst pattern, for the system route.
 */
export function buildWeeklyDigest(
  period: DigestPeriod,
  total: PerformanceStats | undefined,
  byPattern: readonly PerformanceStats[],
  options: { readonly testMode: boolean },
): Notification {
  const label = options.testMode ? '[TEST] ' : '';
  const last = new Date(Date.parse(`${period.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const title = `📈 ${label}Weekly performance · ${period.start} – ${last}`;
  const order = ranked(byPattern);
  const best = order[0];
  const worst = order.length > 1 ? order[order.length - 1] : undefined;
  const summary =
    total === undefined || total.signals === 0
      ? 'No signal closed this week.'
      : `${total.signals} signal${total.signals === 1 ? '' : 's'} closed: win rate ${pct(total.win_rate)}, expectancy ${rMultiple(total.expectancy_r ?? 0)} per signal.`;
  const fields: EmbedField[] =
    total === undefined || total.signals === 0
      ? []
      : [
          inline('Win rate', pct(total.win_rate)),
          inline('Expectancy', rMultiple(total.expectancy_r ?? 0)),
          inline('Profit factor', total.profit_factor === null ? '–' : total.profit_factor.toFixed(2)),
          ...(best
            ? [
                inline(
                  'Best pattern',
                  `${patternTitle(best.pattern ?? '')} ${rMultiple(best.expectancy_r ?? 0)} (${best.signals})`,
                ),
              ]
            : []),
          ...(worst
            ? [
                inline(
                  'Worst pattern',
                  `${patternTitle(worst.pattern ?? '')} ${rMultiple(worst.expectancy_r ?? 0)} (${worst.signals})`,
                ),
              ]
            : []),
        ];
  return digestNotification({
    eventId: period.eventId,
    title,
    summary,
    fields,
    fieldLayout: 'colon',
    footer: 'Crypto Sentinel · R net of fees',
    lastDay: last,
    threadName: `📈 Week of ${period.start}`,
    testMode: options.testMode,
  });
}
