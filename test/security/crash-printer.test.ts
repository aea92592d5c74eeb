import test from 'ava';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cloudEvent } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { registerSecret } from '../../shared/log/secret-registry.js';
import { guardHandler, HandlerFailedError } from '../../shared/runtime/guard-handler.js';

const SECRET = 'sk-live-crash-canary-6f1d2c9a';
const WEBHOOK = 'https://discord.com/api/webhooks/123456/crash-webhook-token-canary';
registerSecret(SECRET);

class LeakyError extends Error {
  readonly code = 'LEAKY';
  readonly config = { headers: { 'APCA-API-SECRET-KEY': SECRET } };
}

// The same failure twice: bare (what the code did before) and guarded (what functions/index.ts registers).
const failing = async (): Promise<void> => {
  throw new LeakyError(`request with key ${SECRET} to ${WEBHOOK} failed`, { cause: new Error(`inner ${SECRET}`) });
};
cloudEvent('leakyBare', failing);
cloudEvent('leakyGuarded', guardHandler('leakyGuarded', failing));

/** POSTs one Pub/Sub push to a registered function, capturing everything written to stdout and stderr meanwhile. */
async function push(name: string): Promise<{ status: number; body: string; output: string }> {
  const server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const chunks: string[] = [];
  const stdout = process.stdout.write.bind(process.stdout);
  const stderr = process.stderr.write.bind(process.stderr);
  const capture = (chunk: unknown): boolean => (chunks.push(String(chunk)), true);
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  try {
    const response = await fetch(`http://127.0.0.1:${port}/projects/p/topics/t`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: {
          data: Buffer.from('{}').toString('base64'),
          attributes: {},
          messageId: '1',
          publishTime: new Date().toISOString(),
        },
      }),
    });
    const body = await response.text();
    // The crash printer runs in the same tick as the response; give it one more turn.
    await new Promise((resolve) => setImmediate(resolve));
    return { status: response.status, body, output: chunks.join('') };
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

test.serial('unguarded, functions-framework prints the error with the secret (why the guard exists)', async (t) => {
  const { status, output, body } = await push('leakyBare');
  t.is(status, 500);
  t.true(output.includes(SECRET) || body.includes(SECRET), 'the crash printer and response carry the raw text');
});

test.serial(
  'guarded, the error is logged redacted, Pub/Sub still sees a failure, and no secret reaches stdout, stderr or the response',
  async (t) => {
    const { status, output, body } = await push('leakyGuarded');
    t.is(status, 500, 'a failure, so the message is redelivered');
    t.false(output.includes(SECRET), 'no secret on stdout or stderr');
    t.false(output.includes('crash-webhook-token-canary'), 'no webhook token');
    t.false(body.includes(SECRET));
    const line = output.split('\n').find((l) => l.includes('leakyGuarded failed; the message will be redelivered'));
    t.truthy(line, 'one redacted log line says what failed');
    const entry = JSON.parse(line ?? '{}') as {
      severity: string;
      error: { name: string; code: string; message: string; cause: { message: string } };
    };
    t.is(entry.severity, 'ERROR');
    t.like(entry.error, { name: 'Error', code: 'LEAKY' });
    t.regex(entry.error.message, /\[REDACTED\]/);
    t.regex(
      output,
      /HandlerFailedError: leakyGuarded failed with Error \(LEAKY\)/,
      'the crash printer prints only the fixed text',
    );
  },
);

test('HandlerFailedError carries no text of the original', (t) => {
  const error = new HandlerFailedError('fn', 'TypeError', undefined);
  t.is(error.stack, 'HandlerFailedError: fn failed with TypeError; the redacted error is in the log line before');
});

test('functions/index.ts registers every function of the topology table through guardHandler', (t) => {
  const source = readFileSync(new URL('../../functions/index.ts', import.meta.url), 'utf8');
  t.notRegex(source, /cloudEvent\(/, 'no CloudEvent registration (it would drop deliveryAttempt)');
  const registrations = [...source.matchAll(/http\(\s*([^,]+),\s*pushEndpoint\(([^;]+)\)\);/g)];
  t.is(registrations.length, 1, 'one registration, in the loop over FUNCTIONS');
  t.true(registrations[0][2].startsWith(`guardHandler(${registrations[0][1]},`));
});
