/**
 * The few error classes of the system. Each carries a stable `code`, because `instanceof` does not
 * survive a trip through a queue or a log line. Catch only the class you name; rethrow the rest.
 */
export abstract class SentinelError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A caller passed a bad argument (an indicator period, a misaligned series). Names the argument. */
export class InvalidArgumentError extends SentinelError {
  readonly code = 'INPUT.BAD_ARGUMENT';
  constructor(
    readonly argument: string,
    reason: string,
  ) {
    super(`argument "${argument}" ${reason}`);
  }
}

/** A bar series breaks an invariant. Names the bar index and the field. */
export class InvalidBarError extends SentinelError {
  readonly code = 'INPUT.BAD_BAR';
  constructor(
    readonly index: number,
    readonly field: string,
    reason: string,
    readonly source?: string,
  ) {
    super(`${source ? `${source}: ` : ''}bar ${index}: field "${field}" ${reason}`);
  }
}

/** There are too few bars to decide anything. */
export class NotEnoughBarsError extends SentinelError {
  readonly code = 'INPUT.NOT_ENOUGH_BARS';
  constructor(
    readonly needed: number,
    readonly got: number,
  ) {
    super(`need at least ${needed} bars, got ${got}`);
  }
}
