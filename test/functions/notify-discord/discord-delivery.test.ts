import test from 'ava';
import type { SignalCreatedEvent, SignalEvent } from '../../../shared/messages/events.js';
import { SIGNAL_EVENT_TYPES } from '../../../shared/messages/events.js';
import { withChartBars } from './chart-bars.js';
import { discordSetup, eventOf } from './discord-harness.js';
import { barTime, nowAfter } from '../persist-state/signal-factory.js';

const created = (): SignalCreatedEvent => withChartBars(eventOf('signal.created') as SignalCreatedEvent);

test('posts a new signal once with wait=true as multipart: payload_json with the embed, files[0] the PNG chart it refers to', async (t) => {
  const { server, store, deliver } = await discordSetup(t);
  const event = created();
  await deliver(event);
  t.is(server.requests.length, 1);
  const [request] = server.requests;
  t.is(request.method, 'POST');
  t.is(request.query.wait, 'true');
  t.regex(request.path, /^\/api\/v10\/webhooks\/\d+\/[\w-]+$/);
  t.true(request.contentType.startsWith('multipart/form-data'));
  t.deepEqual(
    request.parts.map((p) => p.name),
    ['payload_json', 'files[0]'],
  );
  const file = request.parts[1];
  t.is(file.filename, 'chart.png');
  t.deepEqual([...file.data.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
  const embeds = request.payload.embeds as { title: string; image?: { url: string } }[];
  t.is(embeds[0].image?.url, 'attachment://chart.png');
  t.deepEqual(request.payload.attachments, [
    { id: 0, filename: 'chart.png', description: 'BTC/USD candles with entry, stop and targets' },
  ]);
  const record = await store.getDelivery(event.eventId, 'test');
  t.is(record?.state, 'sent');
  t.is(record?.messageId, [...server.messages.keys()][0], 'the delivery record keeps the message id Discord returned');
});

test('every event type is posted exactly once, also when each is delivered three times', async (t) => {
  const { server, deliver } = await discordSetup(t);
  const events: SignalEvent[] = SIGNAL_EVENT_TYPES.map((type) => (type === 'signal.created' ? created() : eventOf(type)));
  for (let round = 0; round < 3; round++) for (const event of events) await deliver(event);
  const posts = server.accepted().filter((r) => r.method === 'POST');
  t.is(posts.length, events.length, 'one post per event');
  const titles = posts.map((r) => (r.payload.embeds as { title: string }[])[0].title);
  t.is(new Set(titles).size, events.length);
  t.is(
    server.accepted().filter((r) => r.method === 'PATCH').length,
    events.length - 3,
    'each lifecycle step edits the original once (not the new signal, the shadow one or a bar gap)',
  );
});

test('in a text channel a lifecycle step edits the original embed to its new status and posts a short update', async (t) => {
  const { server, deliver } = await discordSetup(t);
  await deliver(created());
  const original = [...server.messages.keys()][0];
  await deliver(eventOf('signal.stopped'));
  const [, edit, update] = server.requests;
  t.is(edit.method, 'PATCH');
  t.is(edit.messageId, original);
  const card = (edit.payload.embeds as { description: string; color: number; image?: { url: string } }[])[0];
  t.regex(card.description, /stopped out/);
  t.is(card.color, 0xe74c3c, 'red');
  t.is(card.image?.url, 'attachment://chart.png', 'the edited embed keeps showing the chart');
  t.is(update.method, 'POST');
  t.false('thread_id' in update.query);
  t.regex(String(update.payload.content), new RegExp(`Update to signal message ${original}`));
});

test('a step delivered after a later one does not rewind the card: it shows the signal as stored now', async (t) => {
  const { server, store, deliver } = await discordSetup(t);
  const stopped = eventOf('signal.stopped');
  if (stopped.type !== 'signal.stopped') return t.fail('not a stop');
  // persistState has applied the stop (a bar after TP1); the TP1 step is delivered late (the subscription is unordered).
  await store.createSignalIfAbsent({ ...stopped.signal, lastBarTimestamp: barTime(3), updatedAt: nowAfter(3) }, []);
  await deliver(created());
  await deliver(eventOf('signal.tp1'));
  const edit = server.requests.find((r) => r.method === 'PATCH');
  const card = (edit?.payload.embeds as { description: string; color: number }[] | undefined)?.[0];
  t.regex(card?.description ?? '', /stopped out/);
  t.is(card?.color, 0xe74c3c, 'red: the card keeps the stop, not the TP1 delivered after it');
  const update = server.requests.at(-1);
  t.regex(JSON.stringify(update?.payload.embeds), /TP1/, 'the late step is still posted as what it was');
});

test('in a forum the new signal opens a post named after it and later steps go to its thread', async (t) => {
  const { server, deliver } = await discordSetup(t, { forum: true });
  await deliver(created());
  t.is(server.requests[0].payload.thread_name, '🚀 BTC/USD Bullish Engulfing');
  const thread = [...server.messages.keys()][0];
  await deliver(eventOf('signal.tp1'));
  t.is(server.requests.length, 2, 'no edit in a forum');
  t.is(server.requests[1].query.thread_id, thread);
  t.is(server.requests[1].status, 200);
});

test('a forum thread that is gone (10003) falls back to a new post in the channel with a note', async (t) => {
  const { server, hooks, deliver } = await discordSetup(t, { forum: true });
  await deliver(created());
  server.script(hooks.test.id, { status: 404, body: { code: 10003, message: 'Unknown Channel' } });
  await deliver(eventOf('signal.tp1'));
  const fallback = server.requests[2];
  t.false('thread_id' in fallback.query);
  t.is(typeof fallback.payload.thread_name, 'string', 'a forum post needs a thread name');
  t.regex(String(fallback.payload.content), /Thread unavailable/);
  t.is(fallback.status, 200);
});

test('a forum answering 220001 to a post without a thread name gets it once more with one', async (t) => {
  const { server, deliver } = await discordSetup(t, { forum: false, channelForum: true });
  await deliver(eventOf('signal.rejected'));
  t.is(server.requests.length, 2);
  t.is(server.requests[0].payload.thread_name, undefined);
  t.is(server.requests[0].status, 400);
  t.is(server.requests[1].payload.thread_name, '👻 BTC/USD Rejected: Bullish Hammer');
  t.is(server.requests[1].status, 200);
});

test('an update whose signal message was never sent is posted alone, saying so', async (t) => {
  const { server, deliver } = await discordSetup(t);
  await deliver(eventOf('signal.tp2'));
  t.is(server.requests.length, 1);
  t.regex(String(server.requests[0].payload.content), /Original signal message not found/);
});
