import test from 'ava';
import fc from 'fast-check';
import { createRecordDeadLetter } from '../../functions/record-dead-letter/index.js';
import { createSecretRotationNotice } from '../../functions/notify-discord/secret-rotation/index.js';
import type { Bus, OutgoingMessage } from '../../shared/bus/bus.port.js';
import { createLogger } from '../../shared/log/logger.js';
import { analysisKind } from '../../shared/messages/analysis.js';
import { signalEventKind } from '../../shared/messages/events.js';
import { maintenanceRequestKind } from '../../shared/messages/maintenance-request.js';
import { marketBarsKind } from '../../shared/messages/market-bars.js';
import type { MessageKind } from '../../shared/messages/message-kind.js';
import { scanRequestKind } from '../../shared/messages/scan-request.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { createPushHandler } from '../../shared/runtime/push-handler.js';
import { openSqliteStore } from '../../shared/store/sqlite-store.js';
import { pushEventWithData, pushEventWithJson } from '../../shared/testing/events.js';
import {
  makeAnalysis,
  makeCreatedEvent,
  makeMarketBars,
  makeRejectedEvent,
  makeScanRequest,
} from '../shared/messages/message-factory.js';

// Bounded: a few hundred inputs per schema, seconds in all (issue 12, point 10: at most a minute of CI).
const RUNS = 150;
const quiet = createLogger({}, { level: 'error', stream: { write: () => true } });

const KINDS: ReadonlyArray<readonly [string, MessageKind, () => unknown]> = [
  ['ScanRequest', scanRequestKind, () => makeScanRequest()],
  ['MarketBars', marketBarsKind, () => makeMarketBars()],
  ['Analysis', analysisKind, () => makeAnalysis()],
  ['signal.created', signalEventKind, () => makeCreatedEvent()],
  ['signal.rejected', signalEventKind, () => makeRejectedEvent()],
  [
    'MaintenanceRequest',
    maintenanceRequestKind,
    () => ({ schemaVersion: 1, task: 'outbox-sweep', requestedAt: '2024-03-04T12:00:00Z' }),
  ],
];

/** A valid message with one value somewhere in it replaced by arbitrary JSON (or the key removed). */
function mutated(base: unknown, path: readonly number[], replacement: unknown, remove: boolean): unknown {
  const copy: unknown = structuredClone(base);
  let node: unknown = copy;
  for (const [depth, step] of path.entries()) {
    if (typeof node !== 'object' || node === null) break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[step % keys.length];
    if (depth === path.length - 1 || typeof Reflect.get(node, key) !== 'object') {
      if (remove) Reflect.deleteProperty(node, key);
      else Reflect.set(node, key, replacement);
      break;
    }
    node = Reflect.get(node, key);
  }
  return copy;
}

/** Runs one push through a handler of `kind`: it must act or dead-letter (one copy), and never throw. */
async function deliver(kind: MessageKind, event: ReturnType<typeof pushEventWithJson>) {
  const published: Array<{ topic: string; message: OutgoingMessage }> = [];
  const bus: Bus = { publish: async (topic, message) => (published.push({ topic, message }), String(published.length)) };
  let acted = 0;
  const handler = createPushHandler(
    'fuzzed',
    kind,
    { bus, log: quiet, now: () => new Date(), maxEventAgeMs: 3_600_000 },
    async () => {
      acted++;
    },
  );
  await handler(event);
  return { acted, deadLetters: published.filter((p) => p.topic === TOPICS.deadLetters) };
}

for (const [label, kind, make] of KINDS) {
  const name = `${kind.topic} (${label})`;

  test(`${name}: any mutation of a valid message is acted on or dead-lettered naming a field, never thrown`, async (t) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        fc.jsonValue({ maxDepth: 3 }),
        fc.boolean(),
        async (path, replacement, remove) => {
          const { acted, deadLetters } = await deliver(
            kind,
            pushEventWithJson(mutated(make(), path, replacement, remove), { publishTime: new Date().toISOString() }),
          );
          if (acted === 1) return deadLetters.length === 0;
          return acted === 0 && deadLetters.length === 1 && (deadLetters[0].message.attributes.sentinelField ?? '') !== '';
        },
      ),
      { numRuns: RUNS },
    );
    t.pass();
  });

  test(`${name}: arbitrary JSON and arbitrary bytes are dead-lettered, never thrown`, async (t) => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }).map((v) => ({ json: v })),
          fc.uint8Array({ maxLength: 200 }).map((b) => ({ bytes: b })),
        ),
        async (input) => {
          const event =
            'json' in input
              ? pushEventWithJson(input.json, { publishTime: new Date().toISOString() })
              : pushEventWithData(Buffer.from(input.bytes), {}, { publishTime: new Date().toISOString() });
          const { acted, deadLetters } = await deliver(kind, event);
          return acted + deadLetters.length === 1;
        },
      ),
      { numRuns: RUNS },
    );
    t.pass();
  });
}

test('dead-letters: any push body becomes one record and never throws', async (t) => {
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(() => store.close());
  const record = createRecordDeadLetter({ store, log: quiet, now: () => new Date() });
  await fc.assert(
    fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (body) => {
      await record({ data: body });
      return true;
    }),
    { numRuns: RUNS },
  );
  t.true((await store.listDeadLetters(1000)).length > 0);
});

test('secret-rotations: any push body is acknowledged or posts one notice, never throws', async (t) => {
  const store = openSqliteStore({ path: ':memory:', environment: 'dev' });
  t.teardown(() => store.close());
  let sent = 0;
  const handler = createSecretRotationNotice({
    store,
    sink: { channel: 'c', send: async () => ({ messageId: String(++sent) }) },
    log: quiet,
    now: () => new Date(),
    testMode: true,
  });
  await fc.assert(
    fc.asyncProperty(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(fc.constantFrom('eventType', 'secretId', 'x'), fc.string()),
      async (body, attributes) => {
        await handler({
          data: { message: { data: Buffer.from(JSON.stringify(body)).toString('base64'), attributes, messageId: '1' } },
        });
        return true;
      },
    ),
    { numRuns: RUNS },
  );
  t.pass();
});
