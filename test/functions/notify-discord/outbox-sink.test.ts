import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { z } from 'zod';
import { createOutboxSink, toOutboxLine } from '../../../functions/notify-discord/outbox-sink.js';
import { renderNotification } from '../../../functions/notify-discord/render-notification.js';
import { makeEventOfType } from './event-factory.js';

const OutboxLine = z.object({
  eventId: z.string(),
  type: z.string(),
  symbol: z.string(),
  route: z.string(),
  title: z.string(),
  text: z.string(),
  payload: z.object({ embeds: z.array(z.object({ title: z.string() }).loose()) }).loose(),
  files: z.array(z.object({ filename: z.string(), contentType: z.string(), base64: z.string() })),
  threadName: z.string(),
  signalId: z.string().optional(),
  sentAt: z.iso.datetime(),
});

function tempOutbox(t: ExecutionContext): string {
  const folder = mkdtempSync(join(tmpdir(), 'outbox-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  return join(folder, 'nested', 'outbox.jsonl');
}

const readLines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => OutboxLine.parse(JSON.parse(line)));

test('appends one JSON line per send (embeds, route, chart as base64), creating the folder, and answers with the outbox message id', async (t) => {
  const path = tempOutbox(t);
  const sink = createOutboxSink({ path, now: () => new Date('2024-03-04T12:00:05.000Z') });
  const created = renderNotification(makeEventOfType('signal.created'), { testMode: true });
  const tp1 = renderNotification(makeEventOfType('signal.tp1'), { testMode: true });
  t.deepEqual(await sink.send(created), { messageId: `outbox:${created.eventId}` });
  await sink.send(tp1);
  t.is(sink.channel, 'outbox');
  const lines = readLines(path);
  const sentAt = '2024-03-04T12:00:05.000Z';
  t.deepEqual(lines, [
    JSON.parse(JSON.stringify(toOutboxLine(created, sentAt))),
    JSON.parse(JSON.stringify(toOutboxLine(tp1, sentAt))),
  ]);
  t.is(lines[0].route, 'test');
  t.is(lines[1].signalId, tp1.followUp?.signalId, 'a follow-up names its signal');
});

test('writes the readable text to the stream when one is given', async (t) => {
  const written: string[] = [];
  const sink = createOutboxSink({ path: tempOutbox(t), stream: { write: (chunk: string) => written.push(chunk) } });
  const notification = renderNotification(makeEventOfType('signal.stopped'), { testMode: false });
  await sink.send(notification);
  t.is(written.length, 1);
  t.true(written[0].startsWith(`${notification.text}\n`), written[0]);
});
