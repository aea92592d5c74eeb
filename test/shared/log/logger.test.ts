import test from 'ava';
import { configureLogging, createLogger, resetLogging } from '../../../shared/log/logger.js';
import { registerSecret } from '../../../shared/log/secret-registry.js';
import { captureLogger } from './capture.js';

const CANARIES = ['sk-canary-9f8e7d6c5b4a', 'whsec-canary-1a2b3c4d', 'pw-canary-55aa66bb'];
for (const canary of CANARIES) registerSecret(canary);
const [CANARY, CANARY2, CANARY3] = CANARIES;

const leaks = (text: string): string[] => CANARIES.filter((canary) => text.includes(canary));

test('writes one JSON line with severity, message, time, context and fields', (t) => {
  const { logger, entries, text } = captureLogger({}, { runId: 'run-1' });
  logger.info('scan done', { symbol: 'ETH/USD', bars: 300 });
  t.true(text().endsWith('}\n') && text().split('\n').length === 2, 'exactly one line, newline-terminated');
  const [entry] = entries();
  t.like(entry, { severity: 'INFO', message: 'scan done', runId: 'run-1', symbol: 'ETH/USD', bars: 300 });
  t.regex(String(entry.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('maps levels to Cloud Logging severities', (t) => {
  const { logger, entries } = captureLogger();
  logger.debug('d');
  logger.info('i');
  logger.warn('w');
  logger.error('e');
  t.deepEqual(
    entries().map((entry) => entry.severity),
    ['DEBUG', 'INFO', 'WARNING', 'ERROR'],
  );
});

test('drops entries below the minimum level', (t) => {
  const { logger, entries } = captureLogger({ level: 'warn' });
  logger.debug('d');
  logger.info('i');
  logger.warn('w');
  logger.error('e');
  t.deepEqual(
    entries().map((entry) => entry.message),
    ['w', 'e'],
  );
});

test('a child merges its context over the parent and keeps the parent unchanged', (t) => {
  const { logger, entries } = captureLogger({}, { runId: 'run-1', symbol: 'BTC/USD' });
  logger.child({ symbol: 'ETH/USD', eventId: 'ev-9' }).info('child');
  logger.info('parent');
  const [child, parent] = entries();
  t.like(child, { runId: 'run-1', symbol: 'ETH/USD', eventId: 'ev-9' });
  t.like(parent, { runId: 'run-1', symbol: 'BTC/USD' });
  t.false('eventId' in parent);
});

test('a field named like a core key does not overwrite it', (t) => {
  const { logger, entries } = captureLogger();
  logger.info('real', { message: 'fake', severity: 'DEBUG' });
  t.like(entries()[0], { message: 'real', severity: 'INFO', _message: 'fake', _severity: 'DEBUG' });
});

test('no canary reaches the output, wherever it was logged', (t) => {
  const { logger, text } = captureLogger({}, { note: `context ${CANARY}` });
  const cyclic: Record<string, unknown> = { secret: CANARY2 };
  cyclic.self = cyclic;
  logger.error(`message with ${CANARY}`, {
    nested: { deeper: [{ value: CANARY2 }, `array ${CANARY3}`] },
    error: new Error(`outer ${CANARY}`, { cause: new Error(`inner canary ${CANARY2}`) }),
    webhook: `https://discord.com/api/webhooks/123456/abcdefTOKEN${CANARY3}`,
    url: `https://data.alpaca.markets/v1?token=${CANARY}&x=1`,
    headers: { 'APCA-API-SECRET-KEY': CANARY2, 'APCA-API-KEY-ID': 'PK-not-registered-123' },
    cyclic,
  });
  const out = text();
  t.deepEqual(leaks(out), [], out);
  t.false(out.includes('abcdefTOKEN'), 'webhook token masked by pattern');
  t.false(out.includes('PK-not-registered-123'), 'header value masked by key name, not by registration');
  t.true(out.includes('https://discord.com/api/webhooks/123456/[REDACTED]'), out);
  t.true(out.includes('"self":"[Circular]"'), out);
});

test('masks a secret registered after the logger was created', (t) => {
  const { logger, text } = captureLogger({}, { late: 'late-canary-000111' });
  registerSecret('late-canary-000111');
  logger.info('x');
  t.false(text().includes('late-canary-000111'), text());
});

test('writes pretty lines to a TTY stream by default', (t) => {
  const chunks: string[] = [];
  const logger = createLogger({ runId: 'r1' }, { stream: { isTTY: true, write: (chunk: string) => chunks.push(chunk) } });
  logger.info('scan done', { symbol: 'ETH/USD', note: 'two words', secret: CANARY });
  t.regex(
    chunks.join(''),
    /^\d\d:\d\d:\d\d INFO {2}scan done {2}runId=r1 symbol=ETH\/USD note="two words" secret=\[REDACTED\]\n$/,
  );
});

test('pretty output prints an error stack on its own lines', (t) => {
  const { logger, text } = captureLogger({ format: 'pretty' });
  logger.error('failed', { error: new Error(`boom ${CANARY}`) });
  const [head, stackHead] = text().split('\n');
  t.regex(head, /ERROR failed {2}error=\{"name":"Error","message":"boom \[REDACTED\]"\}$/);
  t.is(stackHead, '    Error: boom [REDACTED]');
});

test('the format option overrides TTY detection', (t) => {
  const chunks: string[] = [];
  createLogger({}, { format: 'json', stream: { isTTY: true, write: (chunk: string) => chunks.push(chunk) } }).info('m');
  t.true(chunks.join('').startsWith('{"severity":"INFO","message":"m"'));
});

test('configureLogging sets stream, format and level for loggers without their own', (t) => {
  const chunks: string[] = [];
  const logger = createLogger({ runId: 'r2' });
  configureLogging({ stream: { write: (chunk: string) => chunks.push(chunk) }, format: 'json', level: 'error' });
  try {
    logger.warn('hidden');
    logger.error('shown');
  } finally {
    resetLogging();
  }
  t.is(chunks.length, 1);
  t.true(chunks[0].includes('"message":"shown"') && chunks[0].includes('"runId":"r2"'));
});
