/** A poison message kept for people to read (and republish once fixed). */
export interface DeadLetter {
  readonly id: string;
  readonly topic: string;
  readonly subscription?: string;
  readonly messageId: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** The message's data, base64, exactly as received. */
  readonly data: string;
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
