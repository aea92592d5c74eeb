import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../errors/errors.js';

/** The legs of one signal's position: tranches `a` `b` `c` (50/25/25), each entry with its own exits. */
export const ORDER_LEGS = ['a', 'b', 'c'] as const;
export type OrderLeg = (typeof ORDER_LEGS)[number] | 'all';

/** What an order does: the entry, its protective stop, a take-profit, a partial exit, a stop move, the close. */
export type OrderAction = 'entry' | 'stop' | 'exit-tp1' | 'exit-tp2' | 'close' | 'flatten';

/** Alpaca keeps client order ids forever and accepts at most 128 characters. */
export const MAX_CLIENT_ORDER_ID = 128;

/**
 * The client order id of one order: deterministic from the signal, the leg and the action (and a version for an
 * action that may repeat, such as a re-placed stop), so a redelivered event finds the order it already sent.
 * `cs1-` marks ours; a broker order without it is not ours (an orphan).
 */
export function clientOrderIdFor(signalId: string, leg: OrderLeg, action: OrderAction, version = 0): string {
  if (!/^[0-9a-f-]{36}$/.test(signalId))
    throw new InvalidArgumentError('signalId', `must be a UUID, got ${JSON.stringify(signalId)}`);
  if (!Number.isInteger(version) || version < 0)
    throw new InvalidArgumentError('version', `must be an integer >= 0, got ${version}`);
  const id = `cs1-${signalId}-${leg}-${action}${version === 0 ? '' : `-${version}`}`;
  return id.length <= MAX_CLIENT_ORDER_ID ? id : `cs1-${createHash('sha256').update(id).digest('hex')}`;
}

/** Whether a client order id is one this system made. */
export function isOurClientOrderId(id: string): boolean {
  return id.startsWith('cs1-');
}

/** The signal a client order id of ours belongs to, or undefined. */
export function signalIdOfClientOrderId(id: string): string | undefined {
  const match = /^cs1-([0-9a-f-]{36})-/.exec(id);
  return match?.[1];
}
