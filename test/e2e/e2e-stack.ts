import type { Message } from '@google-cloud/pubsub';
import { Firestore } from '@google-cloud/firestore';
import type { PubSub } from '@google-cloud/pubsub';
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack } from '../../scripts/stack/stack.js';
import type { Stack, StackOptions } from '../../scripts/stack/stack.js';
import type { FunctionName } from '../../functions/topology.js';
import { createPubSubBus } from '../../shared/bus/pubsub-bus.js';
import type { PubSubBus } from '../../shared/bus/pubsub-bus.js';
import { findBundledSeries, readBundledBars } from '../../shared/market-data/bundled-bars.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { openFirestoreStore } from '../../shared/store/firestore-store.js';
import type { StateStore } from '../../shared/store/store.port.js';
import { collect } from '../helpers/pubsub-emulator.js';
import type { Collector } from '../helpers/pubsub-emulator.js';
import { startAlpacaServer } from '../servers/alpaca-server.js';
import type { AlpacaServer } from '../servers/alpaca-server.js';
import type { TradingServerOptions } from '../servers/alpaca-trading-server.js';
import { DiscordServer } from '../servers/discord-server.js';

/** Everything one end-to-end file runs against, and what it observes. */
export interface E2e {
  readonly stack: Stack;
  readonly pubsub: PubSub;
  readonly bus: PubSubBus;
  /** A client on the stack's Firestore project, and the store adapter over it (the functions' view). */
  readonly firestore: Firestore;
  readonly store: StateStore;
  readonly alpaca: AlpacaServer;
  readonly discord: DiscordServer;
  /** Pull subscriptions made before anything was published: every event and every dead letter. */
  readonly events: Collector;
  /** paper trading's `trade.*` and `position.*` events (executeOrders on the simulated broker). */
  readonly trades: Collector;
  readonly deadLetters: Collector;
  /** The scan request of `day` (see `scanFor`) on the days the local Alpaca serves (moved with `yesterday`). */
  scanOn(day: string): Omit<ReturnType<typeof scanFor>, 'asOf'> & { readonly asOf: string };
  /** The lines a function's server wrote. */
  lines(name: FunctionName): readonly string[];
  /** Notifications that went out: posts the local Discord received, plus lines of the outbox sink if that is wired. */
  notificationCount(): number;
}

function outboxLines(workDir: string): string[] {
  const path = join(workDir, '.sentinel', 'outbox.jsonl');
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
    : [];
}

/**
 * The whole deployed topology for one test file: emulators (reused from PUBSUB_/FIRESTORE_EMULATOR_HOST when CI
 * started them), a unique project (so reruns never meet older topics or documents), one server per function,
 * reading bars from a local Alpaca (the bundled daily BTC/USD) and posting to a local Discord. Stopped after the file.
 */
export function useE2eStack(
  options: Pick<StackOptions, 'env' | 'envFor' | 'maxDeliveryAttempts'> & {
    /** The local Alpaca's trading side (prices, cash); paper orders reach it only with ENABLE_EXECUTION=true in `env`. */
    readonly trading?: TradingServerOptions;
    /**
     * Serve the bundled bars moved by whole days so that this day of the series is yesterday (UTC): signals decided
     * on it are recent, as paper trading wants them.
     */
    readonly yesterday?: string;
  } = {},
): () => Promise<E2e> {
  let opened: Promise<E2e> | undefined;
  const closers: (() => Promise<unknown>)[] = [];
  const open = async (): Promise<E2e> => {
    const series = findBundledSeries('BTC/USD', '1Day');
    if (!series) throw new Error('the bundled BTC/USD daily series is missing');
    const { trading, yesterday, ...stackOptions } = options;
    const shiftMs = yesterday === undefined ? 0 : Date.parse(todayUtc()) - DAY_MS - Date.parse(`${yesterday}T00:00:00Z`);
    const moved = (iso: string) => new Date(Date.parse(iso) + shiftMs).toISOString();
    const alpaca = await startAlpacaServer({
      crypto: { 'BTC/USD': readBundledBars(series).map((bar) => ({ ...bar, timestamp: moved(bar.timestamp) })) },
      stocks: {},
      ...(trading ? { trading } : {}),
    });
    closers.push(() => alpaca.close());
    const discord = new DiscordServer();
    await discord.start();
    closers.push(() => discord.close());
    const webhook = discord.addWebhook();
    const stack = await startStack({
      ...stackOptions,
      ...(process.env.PUBSUB_EMULATOR_HOST ? { pubsubEmulatorHost: process.env.PUBSUB_EMULATOR_HOST } : {}),
      ...(process.env.FIRESTORE_EMULATOR_HOST ? { firestoreEmulatorHost: process.env.FIRESTORE_EMULATOR_HOST } : {}),
      backoff: { minimumSeconds: 1, maximumSeconds: 2 },
      env: {
        LOG_LEVEL: 'info',
        MARKET_DATA_SOURCE: 'alpaca',
        ALPACA_DATA_BASE_URL: alpaca.url,
        ALPACA_TRADING_BASE_URL: alpaca.url,
        ALPACA_API_KEY: 'e2e-key-id',
        ALPACA_SECRET_KEY: 'e2e-secret-key',
        RATE_LIMIT_DELAY: '0',
        CRYPTO_SYMBOLS: 'BTC/USD',
        ENABLE_EQUITIES: 'false',
        TEST_MODE: 'true',
        TEST_DISCORD_WEBHOOK: webhook.url,
        DISCORD_WEBHOOK_HOST_ALLOWLIST: new URL(discord.baseUrl).host,
        ...options.env,
      },
    });
    closers.push(() => stack.stop());
    const firestore = new Firestore({ projectId: stack.project, host: stack.firestoreEmulatorHost, ssl: false });
    closers.push(() => firestore.terminate());
    const subscribe = async (topic: string, name: string, accept?: (message: Message) => boolean) =>
      collect((await stack.pubsub.topic(topic).createSubscription(name))[0], accept);
    // The emulator ignores subscription filters: the observers keep the signal events and paper trading's apart.
    const typeOf = (message: Message) => message.attributes.type ?? '';
    const events = await subscribe(TOPICS.events, 'e2e-events', (message) => typeOf(message).startsWith('signal.'));
    const trades = await subscribe(TOPICS.events, 'e2e-trades', (message) => /^(trade|position)\./.test(typeOf(message)));
    const deadLetters = await subscribe(TOPICS.deadLetters, 'e2e-dead-letters');
    closers.push(
      () => events.close(),
      () => trades.close(),
      () => deadLetters.close(),
    );
    const bus = createPubSubBus({ pubsub: stack.pubsub });
    return {
      stack,
      pubsub: stack.pubsub,
      bus,
      firestore,
      store: openFirestoreStore({ firestore, environment: 'dev' }),
      alpaca,
      discord,
      events,
      trades,
      deadLetters,
      scanOn: (day) => ({ ...scanFor(day), asOf: moved(scanFor(day).asOf) }),
      lines: (name) => stack.servers[name].lines,
      notificationCount: () =>
        discord.requests.filter((request) => request.method === 'POST' && request.status < 300).length +
        outboxLines(stack.workDir).length,
    };
  };
  test.after.always('stop the stack, the local Alpaca and Discord', async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  });
  return () => (opened ??= open());
}

const DAY_MS = 86_400_000;
const todayUtc = () => `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;

/** Waits until `check` holds (polling), or fails saying what it waited for, and what `explain` tells then. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
  explain: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}\n${explain()}`.trim());
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A `ScanRequest` for BTC/USD deciding on the daily bar before `day` (2024-02-09 → the 2024-02-08 bar). */
export function scanFor(day: string) {
  return { schemaVersion: 1, timeframe: '1Day', universe: 'crypto', symbols: ['BTC/USD'], asOf: `${day}T00:00:00Z` } as const;
}
