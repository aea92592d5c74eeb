import { readFile } from 'node:fs/promises';
import { DecodeError } from '../../shared/errors/errors.js';
import { encodeMessage } from '../../shared/messages/envelope.js';
import type { OutgoingMessage } from '../../shared/messages/envelope.js';
import { decodeValue } from '../../shared/messages/json-document.js';
import type { MessageKind } from '../../shared/messages/message-kind.js';
import { UsageError } from '../replay/cli-options.js';
import { InvalidPayloadError } from './errors.js';
import type { CliIo } from './io.js';

/** The payload argument's text: inline JSON, `@file` (a JSON file) or `-` (standard input). */
export async function readPayloadText(argument: string, io: Pick<CliIo, 'stdin' | 'err'>): Promise<string> {
  if (argument === '-') {
    if (io.stdin.isTTY) io.err.write('reading the payload from standard input (end with Ctrl-D)…\n');
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) {
      const data: unknown = chunk;
      chunks.push(Buffer.isBuffer(data) ? data : Buffer.from(String(data)));
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  if (!argument.startsWith('@')) return argument;
  const path = argument.slice(1);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new UsageError(`publish: cannot read payload file "${path}" (${reason})`);
  }
}

/**
 * Parses and decodes `text` with the kind's schema, then encodes it as the producer would. A payload that
 * is not JSON or has a bad field is an `InvalidPayloadError` naming every bad field, before anything is published.
 */
export function encodePayload(kind: MessageKind, text: string): OutgoingMessage {
  const source = `${kind.topic} payload`;
  let wire: unknown;
  try {
    wire = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new InvalidPayloadError(new DecodeError([{ field: 'payload', reason: `is not JSON (${error.message})` }], source));
  }
  try {
    return encodeMessage(kind, decodeValue(kind.schema, wire, 'payload', source));
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    throw new InvalidPayloadError(error);
  }
}
