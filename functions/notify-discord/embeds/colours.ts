import type { SignalStatus } from '../../../shared/domain/signal.js';
import type { NotificationType } from '../notification-sink.port.js';

/** Embed colours (24-bit RGB integers). */
export const COLOURS = {
  green: 0x2ecc71,
  blue: 0x3498db,
  teal: 0x1abc9c,
  gold: 0xf1c40f,
  red: 0xe74c3c,
  orange: 0xe67e22,
  grey: 0x808080,
  purple: 0x9b59b6,
  blurple: 0x5865f2,
} as const;

/** The colour of a signal in each status: green while it waits or runs, gold on the last target, red or grey at a loss or expiry. */
export const STATUS_COLOURS: Readonly<Record<SignalStatus, number>> = {
  WAITING: COLOURS.green,
  ACTIVE: COLOURS.green,
  TP1_HIT: COLOURS.blue,
  TP2_HIT: COLOURS.teal,
  TP3_HIT: COLOURS.gold,
  STOPPED: COLOURS.red,
  INVALIDATED: COLOURS.orange,
  EXPIRED: COLOURS.grey,
};

/** The colour of each message type. */
export const TYPE_COLOURS: Readonly<Record<NotificationType, number>> = {
  'signal.created': COLOURS.green,
  'signal.rejected': 8421504,
  'signal.tp1': COLOURS.blue,
  'signal.tp2': COLOURS.teal,
  'signal.tp3': COLOURS.gold,
  'signal.stopped': COLOURS.red,
  'signal.invalidated': COLOURS.orange,
  'signal.expired': COLOURS.grey,
  'signal.trailed': COLOURS.teal,
  'trade.submitted': COLOURS.blurple,
  'trade.filled': COLOURS.green,
  'trade.skipped': COLOURS.grey,
  'trade.closed': COLOURS.gold,
  'trade.fee': COLOURS.grey,
  'trade.lost': COLOURS.red,
  'position.orphan': COLOURS.orange,
  'position.zombie': COLOURS.purple,
  'signal.gap': COLOURS.orange,
  digest: COLOURS.blurple,
  system: COLOURS.purple,
};
