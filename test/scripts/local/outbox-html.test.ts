import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { createOutboxSink } from '../../../functions/notify-discord/outbox-sink.js';
import { outboxHtml } from '../../../scripts/local/preview/outbox-html.js';
import { writeOutboxHtml } from '../../../scripts/local/preview/write-outbox-html.js';
import { renderNotification } from '../../../functions/notify-discord/render-notification.js';
import { SIGNAL_EVENT_TYPES } from '../../../shared/messages/events.js';
import type { SignalCreatedEvent } from '../../../shared/messages/events.js';
import { withChartBars } from '../../functions/notify-discord/chart-bars.js';
import { eventOf } from '../../functions/notify-discord/discord-harness.js';

const run = promisify(execFile);
const CHROMIUM = '/usr/bin/chromium';

function chromiumArgs(profile: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${profile}`,
  ];
}

async function outboxWithEveryType(folder: string) {
  const path = join(folder, 'outbox.jsonl');
  const sink = createOutboxSink({ path, now: () => new Date('2024-03-04T12:00:05.000Z') });
  const notifications = SIGNAL_EVENT_TYPES.map((type) =>
    renderNotification(type === 'signal.created' ? withChartBars(eventOf(type) as SignalCreatedEvent) : eventOf(type), {
      testMode: true,
    }),
  );
  for (const n of notifications) await sink.send(n);
  return { path, notifications };
}

test('the page shows each message with its embed colour, fields and the chart inline, text escaped', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'outbox-html-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  const { path, notifications } = await outboxWithEveryType(folder);
  const result = await writeOutboxHtml(path);
  t.is(result.path, join(folder, 'outbox.html'));
  t.is(result.messages, notifications.length);
  const html = readFileSync(result.path, 'utf8');
  t.is(html.match(/<article class="message"/g)?.length, notifications.length);
  t.true(html.includes('border-left-color:#2ecc71'), 'the new signal is green');
  t.true(html.includes('border-left-color:#e74c3c'), 'the stop is red');
  t.is(html.match(/<img alt="chart.png" src="data:image\/png;base64,iVBORw0KGgo/g)?.length, 1, 'the chart inline');
  t.false(html.includes('<t:'), 'Discord timestamps rendered as times');
  t.true(outboxHtml([]).includes('0 messages'));
});

test('writes an empty page when there is no outbox yet', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'outbox-html-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  t.is((await writeOutboxHtml(join(folder, 'outbox.jsonl'))).messages, 0);
});

test('headless Chromium renders the page: every embed title is in the DOM and the screenshot is not blank', async (t) => {
  t.true(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  const folder = mkdtempSync(join(tmpdir(), 'outbox-chromium-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  const { path, notifications } = await outboxWithEveryType(folder);
  const { path: htmlPath } = await writeOutboxHtml(path);
  const { stdout: dom } = await run(CHROMIUM, [...chromiumArgs(join(folder, 'p1')), '--dump-dom', `file://${htmlPath}`], {
    maxBuffer: 64 << 20,
    timeout: 90_000,
  });
  const decoded = dom.replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  for (const n of notifications) {
    const title = n.payload.embeds[0].title ?? '';
    t.true(decoded.includes(title), `the DOM lacks "${title}"`);
  }
  const shot = join(folder, 'shot.png');
  await run(
    CHROMIUM,
    [...chromiumArgs(join(folder, 'p2')), '--window-size=900,1600', `--screenshot=${shot}`, `file://${htmlPath}`],
    { timeout: 90_000 },
  );
  const png = readFileSync(shot);
  t.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  t.is(png.readUInt32BE(16), 900);
  t.true(png.byteLength > 20_000, `a real page, not a blank one (${png.byteLength} bytes)`);
});
