/** A poison message kept for people to read (and republish once fixed). */
export interface DeadLetter {
  readonly id: string;
  readonly topic: string;
  readonly subscription?: string;
  readonly messageId: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** The message's data, base64, exactly as received (cut when the whole would not fit a Firestore document). */
  readonly data: string;
  /** Set when `data` or the attributes were cut: the original's size and SHA-256, to match it with the archive copy. */
  readonly original?: { readonly bytes: number; readonly sha256: string; readonly truncated: true };
  readonly error: string;
  readonly field?: string;
  readonly attempts: number;
  readonly at: string;
}

/** Dead letters: poison messages kept, one per id. */
export interface DeadLetterStore {
  /** Keeps a poison message; a second record with the same id is ignored. */
  recordDeadLetter(letter: DeadLetter): Promise<'recorded' | 'exists'>;
  /** Dead letters, newest first. */
  listDeadLetters(limit: number): Promise<DeadLetter[]>;
}
