import { SentinelError } from '../../../shared/errors/errors.js';

/**
 * A configured webhook URL is not a Discord webhook we may call. Names the route and the rule broken,
 * never the URL (it carries the webhook's token).
 */
export class InvalidWebhookUrlError extends SentinelError {
  readonly code = 'DISCORD.BAD_WEBHOOK_URL';
  constructor(
    readonly route: string,
    readonly reason: string,
  ) {
    super(`webhook "${route}" ${reason}`);
  }
}

/** What Discord (or the network) answered to one request; carries no URL, token or request body. */
export interface DiscordFailure {
  readonly route: string;
  /** `execute` (POST) or `edit` (PATCH). */
  readonly operation: 'execute' | 'edit';
  /** HTTP status; undefined for a network failure. */
  readonly status?: number;
  /** Discord's JSON error code (10015 unknown webhook, 10003 unknown channel, 220001 …). */
  readonly discordCode?: number;
  readonly discordMessage?: string;
  /** The network error code (ECONNREFUSED, ETIMEDOUT …). */
  readonly networkCode?: string;
}

/** A Discord request failed after the retries it deserved; Pub/Sub redelivers the event (the claim is released). */
export class DiscordRequestError extends SentinelError {
  readonly code = 'DISCORD.REQUEST_FAILED';
  readonly failure: DiscordFailure;
  constructor(failure: DiscordFailure) {
    const { route, operation, status, discordCode, discordMessage, networkCode } = failure;
    const what =
      status === undefined
        ? `failed on the network (${networkCode ?? 'unknown error'})`
        : `answered ${status}${discordCode === undefined ? '' : ` (code ${discordCode}${discordMessage ? ` ${discordMessage}` : ''})`}`;
    super(`Discord webhook "${route}" ${what} to ${operation}`);
    this.failure = failure;
  }
}

/** The signal's first message is still being sent by another delivery; transient, so the update waits for it. */
export class ParentInFlightError extends SentinelError {
  readonly code = 'DISCORD.PARENT_IN_FLIGHT';
  constructor(readonly signalId: string) {
    super(`the new-signal message of ${signalId} is still being delivered; the update will be retried`);
  }
}
