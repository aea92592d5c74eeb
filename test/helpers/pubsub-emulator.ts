import { PubSub } from '@google-cloud/pubsub';
import type { Message, Subscription } from '@google-cloud/pubsub';
import test from 'ava';
import { randomUUID } from 'node:crypto';
import { startEmulator } from '../../scripts/emulators/emulators.js';
import type { RunningEmulator } from '../../scripts/emulators/emulators.js';

/** The emulator's `host:port` and a client on a project of its own (so files and reruns never share topics). */
export interface PubSubEmulator {
  readonly host: string;
  readonly project: string;
  readonly pubsub: PubSub;
}

/**
 * A Pub/Sub client on the emulator, for one test file: the one at `PUBSUB_EMULATOR_HOST` when set (CI starts one),
 * else one started on a free port at first use; stopped with the client when the file's tests end.
 */
export function usePubSubEmulator(): () => Promise<PubSubEmulator> {
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  let emulator: RunningEmulator | undefined;
  let client: Promise<PubSubEmulator> | undefined;
  const connect = async () => {
    let host = process.env.PUBSUB_EMULATOR_HOST;
    if (!host) {
      const started = await startEmulator('pubsub');
      process.once('exit', () => started.stop());
      emulator = started;
      host = started.host;
    }
    const project = `test-${randomUUID().slice(0, 8)}`;
    return { host, project, pubsub: new PubSub({ projectId: project, apiEndpoint: host, emulatorMode: true }) };
  };
  test.after.always('stop the Pub/Sub client and emulator', async () => {
    try {
      if (client) await (await client).pubsub.close();
    } finally {
      emulator?.stop();
    }
  });
  return () => (client ??= connect());
}

/** Collects the messages a (pull) subscription receives, acking each; `until` waits for a condition. */
export interface Collector {
  readonly messages: Message[];
  until(done: (messages: readonly Message[]) => boolean, timeoutMs?: number): Promise<readonly Message[]>;
  close(): Promise<void>;
}

/** Starts streaming-pull on `subscription` and keeps every message it gets. */
export function collect(subscription: Subscription, accept: (message: Message) => boolean = () => true): Collector {
  const messages: Message[] = [];
  subscription.on('message', (message: Message) => {
    if (accept(message)) messages.push(message);
    message.ack();
  });
  subscription.on('error', () => undefined);
  return {
    messages,
    async until(done, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(messages)) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms with ${messages.length} message(s)`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return messages;
    },
    close: () => subscription.close(),
  };
}
