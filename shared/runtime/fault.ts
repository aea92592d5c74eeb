import { SentinelError } from '../errors/errors.js';

/** The failure SENTINEL_FAULT asked for: transient-looking, so Pub/Sub redelivers the message. */
export class InjectedFaultError extends SentinelError {
  readonly code = 'TEST.INJECTED_FAULT';
  constructor(readonly point: string) {
    super(`injected fault at ${point} (SENTINEL_FAULT, test only)`);
  }
}

/** Called at a named point of a function (`persistState:after-write`); throws when the configured fault is due. */
export type FaultPoint = (point: string) => void;

/** No fault: what every production instance gets. */
export const noFault: FaultPoint = () => undefined;

/**
 * The fault points of one instance from SENTINEL_FAULT (`function:point:once|always`, validated by the config schema):
 * `once` throws at the first pass of that point in this process, `always` at every pass. Unset: never throws.
 */
export function faultPoints(setting: string | undefined): FaultPoint {
  if (setting === undefined) return noFault;
  const at = setting.lastIndexOf(':');
  const target = setting.slice(0, at);
  const mode = setting.slice(at + 1);
  let fired = false;
  return (point) => {
    if (point !== target || (mode === 'once' && fired)) return;
    fired = true;
    throw new InjectedFaultError(point);
  };
}
