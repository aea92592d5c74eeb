import type { DeadLetter } from '../../shared/store/store.port.js';
import { table } from './table.js';
import { describeEvent, safeText } from './describe.js';
import type { PublishObservations } from './publish-observer.js';

/** Everything a `publish` run has to say. */
export interface PublishReport {
  readonly topic: string;
  readonly messageId: string;
  readonly observed: PublishObservations;
  /** The readable text of each notification sent, in order. */
  readonly notifications: readonly string[];
  /** Ids of dead letters seen on the bus that the store did not keep (an older letter has the id). */
  readonly unrecorded: ReadonlySet<string>;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

/** The human report of one publish: messages per topic, events, notifications and dead letters. */
export function formatPublishReport(report: PublishReport): string {
  const { observed, notifications } = report;
  const sections = [
    `Published on ${report.topic} (local bus, message ${report.messageId}); the pipeline ran until quiet.`,
    `Messages per topic\n${indent(
      table(
        ['topic', 'messages'],
        [...observed.messages].map(([topic, ids]) => [topic, String(ids.size)]),
      ),
    )}`,
    eventsSection(observed),
    notifications.length === 0
      ? 'Notifications: none'
      : `Notifications (${notifications.length})\n${notifications.map((text) => indent(text)).join('\n\n')}`,
    deadLettersSection([...observed.deadLetters.values()], report.unrecorded),
  ];
  return `${sections.join('\n\n')}\n`;
}

function eventsSection(observed: PublishObservations): string {
  const events = [...observed.events.values()];
  if (events.length > 0) {
    const rows = events.map((event) => [event.type, event.symbol, describeEvent(event)]);
    const byType = new Map<string, number>();
    for (const event of events) byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
    const counts = [...byType].map(([type, n]) => `${type} ${n}`).join(', ');
    return `Events (${events.length}: ${counts})\n${indent(table(['type', 'symbol', 'what'], rows, { textColumns: 3 }))}`;
  }
  const { analyses } = observed;
  const setups = analyses.candidates + analyses.rejected;
  if (setups > 0) {
    return (
      `Events: none new. The ${plural(analyses.count, 'analysis', 'analyses')} found ${plural(setups, 'setup')} already in the store: ` +
      'this message was processed before, and publishing it again changes nothing (idempotent).'
    );
  }
  if (analyses.count > 0)
    return `Events: none. No setup on the decided ${plural(analyses.count, 'bar')} and no open signal moved.`;
  return 'Events: none.';
}

function deadLettersSection(letters: readonly DeadLetter[], unrecorded: ReadonlySet<string>): string {
  if (letters.length === 0) return 'Dead letters: none';
  const lines = letters.map((letter) => {
    const note = unrecorded.has(letter.id) ? ` (NOT recorded: the store already holds a dead letter with id ${letter.id})` : '';
    return `  ${letter.topic} → ${letter.subscription ?? '?'}  field ${letter.field ?? '—'}: ${safeText(letter.error)}${note}`;
  });
  return `Dead letters (${letters.length}); npm run sentinel -- dead-letters lists the recorded ones\n${lines.join('\n')}`;
}
