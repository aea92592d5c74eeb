import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { SymbolSchema } from '../../shared/messages/fields.js';
import { UsageError } from '../replay/cli-options.js';

/** `parseArgs` (strict unless told otherwise) whose every complaint is a `UsageError` prefixed with the command's name. */
export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(`${command}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `--limit`-style option: a whole number within [1, max], or the default when absent. */
export function parseCount(option: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > max) {
    throw new UsageError(`--${option} "${value}" is not a whole number from 1 to ${max}`);
  }
  return count;
}

/** `--symbol`: upper-cased, and refused unless it reads as a symbol (`BTC/USD`, `SPY`). */
export function parseSymbol(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const symbol = value.trim().toUpperCase();
  if (!SymbolSchema.safeParse(symbol).success) throw new UsageError(`--symbol "${value}" is not a symbol such as BTC/USD or SPY`);
  return symbol;
}
