import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { buildDigest, digestEventId } from '../../../functions/notify-discord/digest/build-digest.js';
import { deliverDigest, lastEventDay } from '../../../functions/notify-discord/digest/deliver-digest.js';
import { createOutboxSink } from '../../../functions/notify-discord/outbox-sink.js';
import { openSqliteStore } from '../../../shared/store/sqlite-store.js';
import type { SignalEvent } from '../../../shared/messages/events.js';
import { eventOf } from './discord-harness.js';

const events: SignalEvent[] = [
  eventOf('signal.created'),
  eventOf('signal.tp1'),
  eventOf('signal.rejected'),
  eventOf('signal.expired'),
];
const day = events[0].occurredAt.slice(0, 10);

test('the digest lists what changed on one UTC day, by kind, for the system route', (t) => {
  const digest = buildDigest([...events, events[1]], day, { testMode: false });
  t.is(digest.route, 'system');
  t.is(digest.type, 'digest');
  t.is(digest.eventId, digestEventId(day));
  const [embed] = digest.payload.embeds;
  t.is(embed.title, `📰 Daily digest · ${day}`);
  const names = (embed.fields ?? []).map((f) => f.name);
  t.true(names.includes('🚀 New signals (1)'), names.join(' | '));
  t.true(names.includes('🎯 Targets hit (1)'), 'a repeated event counts once');
  t.true(names.includes('👻 Rejected (shadow) (1)'));
  t.false(
    names.some((n) => n.startsWith('⏳')),
    'the expiry happened on a later day',
  );
  t.true(buildDigest(events, day, { testMode: true }).payload.embeds[0].title?.includes('[TEST] '));
  t.is(buildDigest(events, day, { testMode: true }).route, 'test');
});

test('an empty day says nothing changed; a day of many events stays within Discord limits', (t) => {
  t.is(buildDigest(events, '1999-01-01', { testMode: false }).payload.embeds[0].description, 'Nothing changed.');
  const many = Array.from({ length: 2_000 }, () => events[0]).map((e, i) => ({
    ...e,
    eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  }));
  const [embed] = buildDigest(many, day, { testMode: false }).payload.embeds;
  t.true((embed.fields ?? []).every((f) => f.value.length <= 1024));
});

test('the digest of a day is delivered once however often it is triggered', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'digest-'));
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const path = join(folder, 'outbox.jsonl');
  const deps = { store, sink: createOutboxSink({ path }), now: () => new Date(), leaseMs: 60_000 };
  t.is((await deliverDigest(deps, events, day, { testMode: true })).outcome, 'sent');
  t.is((await deliverDigest(deps, events, day, { testMode: true })).outcome, 'already-sent');
  t.is(readFileSync(path, 'utf8').trim().split('\n').length, 1);
  t.is(lastEventDay(events), events[3].occurredAt.slice(0, 10));
  t.is(lastEventDay([]), undefined);
});
