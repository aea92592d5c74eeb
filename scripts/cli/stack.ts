import { LOCAL_PROJECT_ID } from '../../shared/bus/pubsub-client.js';
import { tailOutbox } from '../stack/outbox-tail.js';
import type { TailedNotification } from '../stack/outbox-tail.js';
import { startStack } from '../stack/stack.js';
import type { Stack } from '../stack/stack.js';
import { FUNCTIONS, subscriptionName } from '../../functions/topology.js';
import { EXIT } from './exit.js';
import type { Command, Writer } from './io.js';
import { parseCommandArgs } from './parse.js';

const EXAMPLE_SCAN =
  '{"schemaVersion":1,"timeframe":"1Day","universe":"crypto","symbols":["BTC/USD"],"asOf":"2024-02-09T00:00:00Z"}';

function describe(stack: Stack, out: Writer): void {
  const env = `PUBSUB_EMULATOR_HOST=${stack.pubsubEmulatorHost} GOOGLE_CLOUD_PROJECT=${stack.project}`;
  const lines = [
    `Stack up: project ${stack.project}`,
    `  Pub/Sub emulator     ${stack.pubsubEmulatorHost}`,
    `  Firestore emulator   ${stack.firestoreEmulatorHost}`,
    ...FUNCTIONS.map(
      (row) =>
        `  ${row.name.padEnd(19)}  ${stack.servers[row.name].url}  ← ${subscriptionName('dev', row.name)} (${row.trigger})`,
    ),
    '',
    'Publish to it from another shell:',
    `  ${env} npm run sentinel -- publish scan-requests '${EXAMPLE_SCAN}'`,
    'Read the state it keeps (Firestore emulator):',
    `  FIRESTORE_EMULATOR_HOST=${stack.firestoreEmulatorHost} GOOGLE_CLOUD_PROJECT=${stack.project} …`,
    'Function logs follow, prefixed with the function; notifications (outbox sink) are printed in full.',
    'Ctrl-C stops everything.',
    '',
  ];
  out.write(`${lines.join('\n')}\n`);
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

/**
 * `stack [--project ID] [--quiet]`: the deployed topology on this machine: Pub/Sub and Firestore emulators, the
 * topics and push subscriptions, one functions-framework server per function (bundled replay data, outbox sink).
 * Prints how to publish to it, stays up until Ctrl-C, then stops every process it started.
 */
export const stack: Command = async (argv, io) => {
  const { values } = parseCommandArgs('stack', {
    args: [...argv],
    options: {
      project: { type: 'string', default: LOCAL_PROJECT_ID },
      quiet: { type: 'boolean', short: 'q', default: false },
    },
  });
  io.err.write(`starting the emulators and the ${FUNCTIONS.length} function servers…\n`);
  const signal = untilSignal();
  let running: Stack;
  try {
    running = await startStack({
      project: values.project,
      env: { MARKET_DATA_SOURCE: 'replay', LOG_FORMAT: 'pretty', LOG_LEVEL: 'info', ...passThrough() },
      ...(values.quiet ? {} : { onLine: (name: string, line: string) => io.out.write(`[${name}] ${line}\n`) }),
    });
  } catch (error) {
    // An emulator or a function server that would not start: everything started so far is already stopped.
    io.err.write(`error: the stack did not start: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.unavailable;
  }
  const print = (note: TailedNotification) =>
    io.out.write(`\n── notification ${note.type} (${note.eventId}) ──\n${note.text}\n\n`);
  const stopTail = tailOutbox(running.workDir, print);
  try {
    describe(running, io.out);
    const received = await signal;
    io.err.write(`${received}: stopping the function servers and the emulators…\n`);
  } finally {
    stopTail();
    await running.stop();
  }
  io.err.write('stopped.\n');
  return 0;
};

/** Variables a user may set for the functions of the stack (Discord, Alpaca, universe), passed on as given. */
function passThrough(): Record<string, string> {
  const names =
    /^(ALPACA_|DISCORD_|TEST_DISCORD_|LIVE_|CRYPTO_SYMBOLS$|EQUITY_SYMBOLS$|ENABLE_EQUITIES$|MARKET_DATA_SOURCE$|TEST_MODE$|LOG_LEVEL$)/;
  return Object.fromEntries(
    Object.entries(process.env).flatMap(([name, value]) => (names.test(name) && value ? [[name, value]] : [])),
  );
}
