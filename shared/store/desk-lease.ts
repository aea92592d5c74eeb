import { isoOf } from './ttl.js';
import type { DeskClaim } from './trade-store.port.js';

/** The trade desk's claim as a store keeps it: who holds it, and until when (epoch milliseconds). */
export interface DeskLease {
  readonly holder: string;
  readonly untilMs: number;
}

/** Whether `holder` may take the desk at `nowMs` over `current`: free, its own, or its lease run out; else who has it. */
export function deskClaimOver(current: DeskLease | undefined, holder: string, nowMs: number): DeskClaim {
  if (current === undefined || current.holder === holder || current.untilMs <= nowMs) return { taken: true };
  return { taken: false, holder: current.holder, until: isoOf(current.untilMs) };
}
