import { wantsPubSub } from '../../shared/bus/pubsub-client.js';
import { loadConfig } from '../../shared/config/index.js';
import { TOPICS } from '../../shared/messages/topics.js';
import type { DeadLetter, StateStore } from '../../shared/store/store.port.js';
import { REPLAY_NOTICE } from '../pipeline/local-market-data.js';
import { openLocalRuntime } from '../pipeline/local-runtime.js';
import { UsageError } from '../replay/cli-options.js';
import type { Command } from './io.js';
import { assertLocalStore } from './local-only.js';
import { parseCommandArgs } from './parse.js';
import { publishOnPubSub } from './publish-pubsub.js';
import { encodePayload, readPayloadText } from './payload.js';
import { observePublish } from './publish-observer.js';
import { formatPublishReport } from './publish-report.js';
import { kindOfTopic, PUBLISHABLE_TOPICS } from './topic-kinds.js';

/** How many of the newest stored letters are compared with the ones this run saw. */
const LETTERS_TO_CHECK = 1000;

/**
 * The ids of letters seen on the bus that the store kept a different letter for: the in-process bus numbers
 * messages from 1 in every process, so a later run's poison message can carry an id already recorded.
 */
async function unrecordedLetters(store: StateStore, seen: readonly DeadLetter[]): Promise<Set<string>> {
  if (seen.length === 0) return new Set();
  const stored = new Map((await store.listDeadLetters(LETTERS_TO_CHECK)).map((letter) => [letter.id, letter]));
  return new Set(seen.filter((letter) => stored.get(letter.id)?.data !== letter.data).map((letter) => letter.id));
}

/**
 * `publish <topic> <json | @file | ->`: validates the payload with the topic's schema (a bad one is refused
 * before anything is published). With PUBSUB_EMULATOR_HOST or GOOGLE_CLOUD_PROJECT set it publishes on Pub/Sub and
 * reports the message id; otherwise it publishes on the local bus, drains the pipeline and reports what happened.
 */
export const publish: Command = async (argv, io) => {
  const { positionals } = parseCommandArgs('publish', {
    args: [...argv],
    options: {},
    allowPositionals: true,
  });
  const [topic, payloadArgument, ...extra] = positionals;
  if (topic === undefined) throw new UsageError(`publish: missing <topic> (topics: ${PUBLISHABLE_TOPICS.join(', ')})`);
  const kind = kindOfTopic(topic);
  if (payloadArgument === undefined)
    throw new UsageError('publish: missing the payload (JSON text, @file or - for standard input)');
  if (extra.length > 0)
    throw new UsageError(`publish: unexpected argument "${extra[0]}" (quote the JSON payload as one argument)`);
  const message = encodePayload(kind, await readPayloadText(payloadArgument, io));

  const config = loadConfig();
  // With an emulator or a project configured the message goes to Pub/Sub, where the deployed functions take it.
  if (wantsPubSub(config)) return publishOnPubSub(config, kind.topic, message, io);
  assertLocalStore(config);
  const notifications: string[] = [];
  const runtime = await openLocalRuntime({
    marketData: 'configured',
    broker: 'configured',
    notificationStream: { write: (chunk: string) => notifications.push(chunk.trimEnd()) },
  });
  try {
    if (kind.topic === TOPICS.scanRequests && runtime.market.kind === 'replay') io.err.write(`${REPLAY_NOTICE}\n`);
    const observed = observePublish(runtime.bus);
    const messageId = await runtime.bus.publish(kind.topic, message);
    await runtime.bus.drain();
    const unrecorded = await unrecordedLetters(runtime.store, [...observed.deadLetters.values()]);
    io.out.write(formatPublishReport({ topic: kind.topic, messageId, observed, notifications, unrecorded }));
    return 0;
  } finally {
    await runtime.close();
  }
};
