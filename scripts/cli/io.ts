/** Where a command writes: anything with `write` (process.stdout, a test buffer). */
export interface Writer {
  write(chunk: string): unknown;
}

/** The streams a command talks through; `stdin` is read only for a `-` payload. */
export interface CliIo {
  readonly out: Writer;
  readonly err: Writer;
  readonly stdin: NodeJS.ReadStream;
}

/** One `npm run sentinel` command: parses its own arguments and resolves with the exit code. */
export type Command = (argv: readonly string[], io: CliIo) => Promise<number>;
