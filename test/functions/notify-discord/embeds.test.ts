import test from 'ava';
import { DISCORD_LIMITS, embedLength, fitToLimits } from '../../../functions/notify-discord/discord/limits.js';
import type { DiscordEmbed } from '../../../functions/notify-discord/discord/message.types.js';
import { renderNotification } from '../../../functions/notify-discord/render-notification.js';
import { SIGNAL_EVENT_TYPES } from '../../../shared/messages/events.js';
import type { SignalEventType } from '../../../shared/messages/events.js';
import { makeCreatedEvent } from '../../shared/messages/message-factory.js';
import { makeSignal, makeTinyPriceSignal } from '../persist-state/signal-factory.js';
import { discordSetup, eventOf } from './discord-harness.js';

const COLOURS: Readonly<Record<SignalEventType, number>> = {
  'signal.created': 0x2ecc71,
  'signal.rejected': 8421504,
  'signal.tp1': 0x3498db,
  'signal.tp2': 0x1abc9c,
  'signal.tp3': 0xf1c40f,
  'signal.stopped': 0xe74c3c,
  'signal.invalidated': 0xe67e22,
  'signal.expired': 0x808080,
  'signal.trailed': 0x1abc9c,
  'signal.gap': 0xe67e22,
};

const facts = (embed: DiscordEmbed): string =>
  [embed.title, embed.description, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]), embed.footer?.text].join('\n');

for (const type of SIGNAL_EVENT_TYPES) {
  test(`renders ${type} as one embed in its status colour, [TEST]-labelled in test mode only`, (t) => {
    const live = renderNotification(eventOf(type), { testMode: false });
    const testing = renderNotification(eventOf(type), { testMode: true });
    t.is(live.payload.embeds.length, 1);
    const [embed] = live.payload.embeds;
    t.is(embed.color, COLOURS[type]);
    t.false(facts(embed).includes('[TEST]'));
    t.true(testing.payload.embeds[0].title?.includes('[TEST] '), testing.payload.embeds[0].title);
    t.regex(facts(embed), /<t:\d+:[fR]>/, 'times as Discord timestamps');
    t.false(/NaN|undefined|e-\d/.test(facts(embed)), facts(embed));
    t.is(live.route, type === 'signal.rejected' ? 'shadow' : type === 'signal.gap' ? 'system' : 'crypto');
    t.is(testing.route, 'test');
    t.is(
      live.followUp === undefined,
      type === 'signal.created' || type === 'signal.rejected' || type === 'signal.gap',
      'lifecycle steps follow their signal; a bar gap, a notice on the system route, does not',
    );
  });
}

test('the new-signal embed shows every level, R:R, conviction, confluence, geometry and validity', (t) => {
  const signal = makeSignal({
    structuralAnchors: [
      { index: 10, timestamp: '2024-03-01T08:00:00.000Z', price: 60_100, type: 'VALLEY' },
      { index: 14, timestamp: '2024-03-02T00:00:00.000Z', price: 62_400, type: 'PEAK' },
    ],
  });
  const [embed] = renderNotification(makeCreatedEvent(signal), { testMode: false }).payload.embeds;
  const text = facts(embed);
  for (const fact of [
    'Bullish Engulfing · BTC/USD 4H',
    '$62,000.00',
    '$60,500.00',
    'Invalidation',
    '$61,000.00',
    '$63,500.00',
    '$65,000.00',
    '$66,500.00',
    'R:R',
    '3.00',
    'STANDARD',
    'VOLUME_SPIKE',
    'RSI 54.2',
    '• Valley $60,100.00 (3 days ago)',
    '• Peak $62,400.00 (2 days ago)',
  ]) {
    t.true(text.includes(fact), `lacks "${fact}":\n${text}`);
  }
  t.true(text.includes(`<t:${Date.parse(signal.validUntil) / 1000}:R>`), 'validity relative to the reader');
});

test('tiny prices keep their significant digits in the embed', (t) => {
  const signal = makeTinyPriceSignal();
  const text = facts(renderNotification(makeCreatedEvent(signal), { testMode: false }).payload.embeds[0]);
  t.true(text.includes('$0.00000001234'), text);
  t.true(text.includes('$0.00000001468'), text);
});

const long = (n: number) => '𝔸b'.repeat(n);

test('fitToLimits cuts the longest inputs possible to every Discord limit', (t) => {
  const embed: DiscordEmbed = {
    title: long(400),
    description: long(5000),
    footer: { text: long(3000) },
    author: { name: long(300) },
    fields: Array.from({ length: 40 }, () => ({ name: long(300), value: long(2000), inline: true })),
  };
  const fitted = fitToLimits({ content: long(3000), thread_name: long(200), embeds: Array.from({ length: 12 }, () => embed) });
  t.true(fitted.embeds.length <= DISCORD_LIMITS.embeds);
  t.true((fitted.content ?? '').length <= DISCORD_LIMITS.content);
  t.true((fitted.thread_name ?? '').length <= DISCORD_LIMITS.threadName);
  t.true(fitted.embeds.reduce((sum, e) => sum + embedLength(e), 0) <= DISCORD_LIMITS.embedTotal);
  for (const e of fitted.embeds) {
    t.true((e.title ?? '').length <= DISCORD_LIMITS.title);
    t.true((e.description ?? '').length <= DISCORD_LIMITS.description);
    t.true((e.footer?.text ?? '').length <= DISCORD_LIMITS.footer);
    t.true((e.fields ?? []).length <= DISCORD_LIMITS.fields);
    for (const f of e.fields ?? [])
      t.true(f.name.length <= DISCORD_LIMITS.fieldName && f.value.length <= DISCORD_LIMITS.fieldValue);
  }
  t.false(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(JSON.stringify(fitted.embeds[0].title)), 'no surrogate pair cut in half');
  t.true(fitted.embeds[0].title?.endsWith('…'));
});

test('a signal with the longest texts possible is posted within every limit (the server refuses anything over)', async (t) => {
  const { server, deliver } = await discordSetup(t);
  const huge = makeSignal({
    symbol: 'X'.repeat(60),
    confluenceFactors: Array.from({ length: 200 }, (_, i) => `FACTOR_${i}_${'Z'.repeat(40)}`),
    structuralAnchors: Array.from({ length: 300 }, (_, i) => ({
      index: i,
      timestamp: '2024-03-01T08:00:00.000Z',
      price: 1e12 + i,
      type: 'PEAK' as const,
    })),
    harmonic: {
      type: 'GARTLEY',
      isMacro: false,
      pivots: [],
      ratios: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`ratio_${i}_${'k'.repeat(30)}`, 0.618])),
    },
  });
  const event = { ...makeCreatedEvent(huge), symbol: huge.symbol };
  const rejected = { ...eventOf('signal.rejected') };
  if (rejected.type !== 'signal.rejected') throw new Error('unexpected');
  const longRejected = {
    ...rejected,
    rejected: { ...rejected.rejected, reasons: Array.from({ length: 500 }, (_, i) => `reason ${i} ${'r'.repeat(80)}`) },
  };
  await deliver(event);
  await deliver(longRejected);
  t.deepEqual(
    server.requests.map((r) => r.status),
    [200, 200],
    'Discord accepts both',
  );
  for (const request of server.requests) {
    const embeds = request.payload.embeds as DiscordEmbed[];
    t.true(embeds.reduce((sum, e) => sum + embedLength(e), 0) <= 6000);
  }
});
