import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import { z } from 'zod';
import { createOutboxSink } from '../../../functions/notify-discord/outbox-sink.js';
import { renderNotification } from '../../../functions/notify-discord/render-text.js';
import { makeEventOfType } from './event-factory.js';

const OutboxLine = z.object({
  eventId: z.string(),
  type: z.string(),
  symbol: z.string(),
  title: z.string(),
  text: z.string(),
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

test('appends one JSON line per send, creating the folder, and answers with the outbox message id', async (t) => {
  const path = tempOutbox(t);
  const sink = createOutboxSink({ path, now: () => new Date('2024-03-04T12:00:05.000Z') });
  const created = renderNotification(makeEventOfType('signal.created'), { testMode: true });
  const tp1 = renderNotification(makeEventOfType('signal.tp1'), { testMode: true });
  t.deepEqual(await sink.send(created), { messageId: `outbox:${created.eventId}` });
  await sink.send(tp1);
  t.is(sink.channel, 'outbox');
  const lines = readLines(path);
  t.deepEqual(lines, [
    { ...created, sentAt: '2024-03-04T12:00:05.000Z' },
    { ...tp1, sentAt: '2024-03-04T12:00:05.000Z' },
  ]);
});

test('writes the readable text to the stream when one is given', async (t) => {
  const written: string[] = [];
  const sink = createOutboxSink({ path: tempOutbox(t), stream: { write: (chunk: string) => written.push(chunk) } });
  const notification = renderNotification(makeEventOfType('signal.stopped'), { testMode: false });
  await sink.send(notification);
  t.is(written.length, 1);
  t.true(written[0].startsWith(`${notification.text}\n`), written[0]);
});
