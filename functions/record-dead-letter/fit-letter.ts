import { createHash } from 'node:crypto';
import type { DeadLetter } from '../../shared/store/store.port.js';

/** A Firestore document holds at most 1 MiB; a dead letter is kept well under it, room left for the stored fields. */
export const MAX_LETTER_BYTES = 900 * 1024;
/** Attribute values longer than this are cut (Pub/Sub allows 1,024 bytes; a forged copy could carry more). */
const MAX_ATTRIBUTE_LENGTH = 1024;
const MAX_ATTRIBUTES = 100;

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * The letter cut to fit one stored document: attributes capped, then `data` (base64) cut on a 4-character boundary,
 * with the original's size and SHA-256 (of the decoded bytes) so the cut copy can be matched with the archive
 * subscription's full one. A letter that fits is returned unchanged.
 */
export function fitLetter(letter: DeadLetter): DeadLetter {
  if (jsonBytes(letter) <= MAX_LETTER_BYTES) return letter;
  const bytes = Buffer.from(letter.data, 'base64');
  const original = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), truncated: true as const };
  const attributes = Object.fromEntries(
    Object.entries(letter.attributes)
      .slice(0, MAX_ATTRIBUTES)
      .map(([key, value]) => [key.slice(0, 256), value.slice(0, MAX_ATTRIBUTE_LENGTH)]),
  );
  const error = letter.error.slice(0, 2000);
  const rest = { ...letter, attributes, error, original, data: '' };
  const room = Math.max(0, MAX_LETTER_BYTES - jsonBytes(rest));
  return { ...rest, data: letter.data.slice(0, room - (room % 4)) };
}
