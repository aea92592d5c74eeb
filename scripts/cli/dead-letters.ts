import { redact } from '../../shared/log/redact.js';
import type { DeadLetter } from '../../shared/store/store.port.js';
import { clip, safeText } from './describe.js';
import type { Command } from './io.js';
import { openConfiguredStore } from './configured-store.js';
import { parseCommandArgs, parseCount } from './parse.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;
/** How much of a letter's data the listing shows. */
const PREVIEW_CHARS = 120;

/** A letter's data decoded from base64 and redacted: the JSON value when it parses, else the text. */
function dataOf(letter: DeadLetter): unknown {
  const text = Buffer.from(letter.data, 'base64').toString('utf8');
  try {
    return redact(JSON.parse(text));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return safeText(text);
  }
}

function preview(data: unknown): string {
  return clip(typeof data === 'string' ? data : JSON.stringify(data), PREVIEW_CHARS);
}

/** What `--json` prints per letter; everything passes through `redact`. */
function jsonOf(letter: DeadLetter) {
  const { id, at, topic, subscription, messageId, field, attempts } = letter;
  return {
    id,
    at,
    topic,
    subscription,
    messageId,
    field,
    error: safeText(letter.error),
    attempts,
    attributes: redact(letter.attributes),
    data: dataOf(letter),
  };
}

function block(letter: DeadLetter): string {
  const attempts = `${letter.attempts} attempt${letter.attempts === 1 ? '' : 's'}`;
  return [
    `${letter.at}  ${letter.topic} → ${letter.subscription ?? '?'}  field ${letter.field ?? '—'}  ${attempts}`,
    `  error: ${safeText(letter.error)}`,
    `  data:  ${preview(dataOf(letter))}`,
  ].join('\n');
}

/** `dead-letters [--limit N] [--json]`: the newest dead-lettered messages, redacted. */
export const deadLetters: Command = async (argv, io) => {
  const { values } = parseCommandArgs('dead-letters', {
    args: [...argv],
    options: {
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const limit = parseCount('limit', values.limit, DEFAULT_LIMIT, MAX_LIMIT);
  const runtime = openConfiguredStore();
  try {
    const letters = await runtime.store.listDeadLetters(limit);
    if (values.json) {
      io.out.write(`${JSON.stringify({ count: letters.length, deadLetters: letters.map(jsonOf) })}\n`);
      return 0;
    }
    if (letters.length === 0) {
      io.out.write('No dead letters.\n');
      return 0;
    }
    const more = letters.length === limit ? ` (the newest ${limit}; --limit shows more)` : '';
    io.out.write(
      `${letters.map(block).join('\n\n')}\n\n${letters.length} dead letter${letters.length === 1 ? '' : 's'}, newest first${more}\n`,
    );
    return 0;
  } finally {
    await runtime.store.close();
  }
};
