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

/** One configuration problem: the variable (or secret) at fault and why, never its value. */
export interface ConfigIssue {
  readonly variable: string;
  readonly reason: string;
}

/** The configuration cannot be used. Names every offending variable, one per line. */
export class ConfigError extends SentinelError {
  readonly code = 'CONFIG.INVALID';
  constructor(
    readonly issues: readonly ConfigIssue[],
    message = issues.map((issue) => `${issue.variable}: ${issue.reason}`).join('\n'),
  ) {
    super(message);
  }
}

/** Reading a secret from its store failed for a reason other than "not found". Names the secret, never a value. */
export class SecretLoadError extends SentinelError {
  readonly code = 'SECRETS.LOAD_FAILED';
  constructor(
    readonly secretName: string,
    reason: string,
  ) {
    super(`secret ${secretName} could not be read: ${reason}`);
  }
}

/** One field of a message that failed validation: its dotted path (`bars.3.close`) and why. */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

/** A message (or stored document) does not match its schema: a poison message. Names every bad field. */
export class DecodeError extends SentinelError {
  readonly code = 'MESSAGE.BAD_FIELD';
  /** The first bad field, dotted (`bars.3.close`); `message.data` when the payload itself is unreadable. */
  readonly field: string;
  readonly reason: string;
  constructor(
    readonly problems: readonly [FieldProblem, ...FieldProblem[]],
    readonly source?: string,
  ) {
    const prefix = source ? `${source}: ` : '';
    const list = problems.map((p) => `field "${p.field}" ${p.reason}`);
    super(prefix + (list.length === 1 ? list[0] : `${list.length} fields are invalid: ${list.join('; ')}`));
    this.field = problems[0].field;
    this.reason = problems[0].reason;
  }
}

/** A stored document changed between read and write; the whole step is retried (transient). */
export class ConflictError extends SentinelError {
  readonly code = 'STORE.CONFLICT';
}
