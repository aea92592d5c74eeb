import test from 'ava';
import fc from 'fast-check';
import { InvalidPayloadError } from '../../scripts/cli/errors.js';
import { parseCommandArgs, parseCount, parseSymbol } from '../../scripts/cli/parse.js';
import { encodePayload } from '../../scripts/cli/payload.js';
import { kindOfTopic, PUBLISHABLE_TOPICS } from '../../scripts/cli/topic-kinds.js';
import { parseReplayOptions, UsageError } from '../../scripts/replay/cli-options.js';
import { parseConfig } from '../../shared/config/load-config.js';
import { CONFIG_VARIABLES } from '../../shared/config/config.schema.js';
import { ConfigError, DecodeError } from '../../shared/errors/errors.js';
import { parseBackup } from '../../shared/store/backup/backup-format.js';
import { makeScanRequest } from '../shared/messages/message-factory.js';

const RUNS = 300;

/** Runs `action`; true when it returned or threw one of `expected` (a clear error), false on any other throw. */
function clearOutcome(action: () => unknown, ...expected: Array<abstract new (...args: never[]) => Error>): boolean {
  try {
    action();
    return true;
  } catch (error) {
    return expected.some((kind) => error instanceof kind);
  }
}

const word = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '--symbols',
    '--from',
    '--to',
    '--timeframe',
    '--json',
    '--reset',
    '--discord',
    '--cooldown-scope',
    '--limit',
    '-h',
    'BTC/USD',
    '1Day',
    '2024-01-01',
    '',
  ),
);

test('npm start options: any argv parses or is a UsageError', (t) => {
  fc.assert(
    fc.property(fc.array(word, { maxLength: 8 }), (argv) => clearOutcome(() => parseReplayOptions(argv), UsageError)),
    { numRuns: RUNS },
  );
  t.pass();
});

test('sentinel options: --limit, --symbol and unknown flags parse or are a UsageError', (t) => {
  fc.assert(
    fc.property(
      fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
      fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
      fc.array(word, { maxLength: 5 }),
      (limit, symbol, argv) =>
        clearOutcome(() => {
          parseCount('limit', limit, 20, 1000);
          parseSymbol(symbol);
          parseCommandArgs('status', {
            args: argv,
            options: { all: { type: 'boolean' }, symbol: { type: 'string' } },
            allowPositionals: false,
          });
        }, UsageError),
    ),
    { numRuns: RUNS },
  );
  t.pass();
});

test('sentinel publish: any topic and payload text is published or refused naming the field', (t) => {
  const payload = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc
      .record({
        key: fc.constantFrom('timeframe', 'universe', 'symbols', 'asOf', 'schemaVersion', 'extra'),
        value: fc.jsonValue({ maxDepth: 2 }),
      })
      .map(({ key, value }) => JSON.stringify({ ...makeScanRequest(), [key]: value })),
  );
  fc.assert(
    fc.property(fc.oneof(fc.constantFrom(...PUBLISHABLE_TOPICS), fc.string({ maxLength: 15 })), payload, (topic, text) =>
      clearOutcome(
        () => {
          const kind = kindOfTopic(topic);
          try {
            encodePayload(kind, text);
          } catch (error) {
            if (error instanceof InvalidPayloadError && error.problems.length === 0) throw new TypeError('no field named');
            throw error;
          }
        },
        UsageError,
        InvalidPayloadError,
      ),
    ),
    { numRuns: RUNS },
  );
  t.pass();
});

test('sentinel restore: any file content is a backup or a DecodeError naming the field', (t) => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 100 }),
        fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      ),
      (text) => clearOutcome(() => parseBackup(text, 'fuzz'), DecodeError),
    ),
    {
      numRuns: RUNS,
    },
  );
  t.pass();
});

test('configuration: any environment parses or is a ConfigError naming the variables', (t) => {
  const env = fc.dictionary(
    fc.constantFrom(...CONFIG_VARIABLES),
    fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('true', 'false', '0', '1', 'prod', 'dev', 'http://127.0.0.1:1', 'https://x.example'),
    ),
    { maxKeys: 6 },
  );
  fc.assert(
    fc.property(env, (vars) =>
      clearOutcome(() => {
        try {
          parseConfig(vars);
        } catch (error) {
          if (error instanceof ConfigError && error.issues.some((issue) => issue.variable === ''))
            throw new TypeError('unnamed variable');
          throw error;
        }
      }, ConfigError),
    ),
    { numRuns: RUNS },
  );
  t.pass();
});
