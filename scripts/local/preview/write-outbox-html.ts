import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { OutboxLine } from '../../../functions/notify-discord/outbox-sink.js';
import { outboxHtml } from './outbox-html.js';

/** `.sentinel/outbox.html` beside `.sentinel/outbox.jsonl`. */
export function outboxHtmlPathFor(outboxPath: string): string {
  return join(dirname(outboxPath), 'outbox.html');
}

/**
 * Regenerates the HTML page from the outbox file (an empty page when there is none yet); returns its path and
 * how many messages it shows. Lines that are not outbox messages (an older format) are skipped.
 */
export async function writeOutboxHtml(
  outboxPath: string,
  htmlPath = outboxHtmlPathFor(outboxPath),
  /** Trusted HTML shown above the messages (the paper account of a local run). */
  sectionHtml = '',
): Promise<{ path: string; messages: number }> {
  const text = existsSync(outboxPath) ? await readFile(outboxPath, 'utf8') : '';
  const lines = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Partial<OutboxLine>)
    .filter((line): line is OutboxLine => Array.isArray(line.payload?.embeds) && Array.isArray(line.files));
  await writeFile(htmlPath, outboxHtml(lines, undefined, sectionHtml), 'utf8');
  return { path: htmlPath, messages: lines.length };
}
