import axios, { AxiosError, getAdapter } from 'axios';
import type { AxiosInstance, AxiosResponse } from 'axios';
import { createHttpClient } from '../../../shared/http/create-http-client.js';
import type { Logger } from '../../../shared/log/logger.js';
import type { Clock } from './clock.js';
import { DiscordRequestError } from './discord-errors.js';
import { toRequestBody } from './multipart.js';
import type { DiscordFile, DiscordPayload } from './message.types.js';
import type { RateLimiter } from './rate-limiter.js';
import type { WebhookTarget } from './webhook-url.js';

/** The part of Discord's message object we read (wire-formats C.1). */
export interface PostedMessage {
  readonly id: string;
  readonly channel_id?: string;
}

/** What one webhook client needs. */
export interface WebhookClientOptions {
  readonly limiter: RateLimiter;
  readonly clock: Clock;
  readonly log: Pick<Logger, 'warn' | 'info'>;
  readonly timeoutMs?: number;
  /** Jitter source of the 5xx backoff; tests pass a constant. */
  readonly random?: () => number;
}

/** Execute (POST) and edit (PATCH) on one webhook, through its rate-limit bucket, with at most 3 retries. */
export interface WebhookClient {
  execute(
    payload: DiscordPayload,
    options?: { readonly threadId?: string; readonly files?: readonly DiscordFile[] },
  ): Promise<PostedMessage>;
  edit(messageId: string, payload: DiscordPayload, options?: { readonly threadId?: string }): Promise<PostedMessage>;
}

function failure(target: WebhookTarget, operation: 'execute' | 'edit', error: unknown): never {
  if (!(error instanceof AxiosError)) throw error;
  const data: unknown = error.response?.data;
  const body = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  throw new DiscordRequestError({
    route: target.route,
    operation,
    ...(error.response ? { status: error.response.status } : { networkCode: error.code ?? 'unknown' }),
    ...(typeof body.code === 'number' ? { discordCode: body.code } : {}),
    ...(typeof body.message === 'string' ? { discordMessage: body.message.slice(0, 120) } : {}),
  });
}

function posted(response: AxiosResponse<unknown>, target: WebhookTarget): PostedMessage {
  const data: unknown = response.data;
  if (typeof data === 'object' && data !== null && 'id' in data && typeof data.id === 'string') {
    return {
      id: data.id,
      ...('channel_id' in data && typeof data.channel_id === 'string' ? { channel_id: data.channel_id } : {}),
    };
  }
  throw new DiscordRequestError({
    route: target.route,
    operation: 'execute',
    status: response.status,
    discordMessage: 'no message object in the answer',
  });
}

/** Every attempt, retries included, waits for the bucket, and every answer (errors too) teaches the bucket. */
function rateLimited(client: AxiosInstance, target: WebhookTarget, limiter: RateLimiter): void {
  const send = getAdapter(axios.defaults.adapter);
  const bucket = target.webhookId;
  client.defaults.adapter = async (config) => {
    await limiter.acquire(bucket);
    try {
      const response = await send(config);
      limiter.observe(bucket, { status: response.status, headers: { ...response.headers }, data: response.data });
      return response;
    } catch (error) {
      const response = error instanceof AxiosError ? error.response : undefined;
      if (response) limiter.observe(bucket, { status: response.status, headers: { ...response.headers }, data: response.data });
      throw error;
    }
  };
}

/** A client for one validated webhook; its logs and errors name the route, never the URL. */
export function createWebhookClient(target: WebhookTarget, options: WebhookClientOptions): WebhookClient {
  const client = createHttpClient({
    timeoutMs: options.timeoutMs ?? 10_000,
    retries: 3,
    baseDelayMs: 500,
    maxDelayMs: 60_000,
    sleep: (ms) => options.clock.sleep(ms),
    ...(options.random ? { random: options.random } : {}),
    // The shared client logs the request URL on a retry; ours says which webhook instead.
    logger: { warn: (message, fields) => options.log.warn(message, { ...fields, url: undefined, webhook: target.route }) },
    // One external.call line per attempt naming the route; a 429 among them feeds the "Discord 429 storm" alert.
    service: 'discord',
    endpointOf: () => `webhook:${target.route}`,
    callLog: options.log,
  });
  rateLimited(client, target, options.limiter);
  return {
    async execute(payload, { threadId, files = [] } = {}) {
      const query = { wait: 'true', ...(threadId === undefined ? {} : { thread_id: threadId }) };
      try {
        // POST is retried (on 429, 5xx, network) although it is not idempotent by itself: every send runs under
        // the delivery claim of its event (deliver-once.ts), so no other attempt posts it, and a retried attempt
        // only repeats a request Discord answered with an error or never answered (the crash window of DESIGN §3).
        const response = await client.post<unknown>(target.executeUrl(query), toRequestBody(payload, files), {
          idempotent: true,
        });
        return posted(response, target);
      } catch (error) {
        return failure(target, 'execute', error);
      }
    },
    async edit(messageId, payload, { threadId } = {}) {
      const query: Record<string, string> = threadId === undefined ? {} : { thread_id: threadId };
      try {
        // An edit sets the message to the same content however often it is sent: idempotent.
        const response = await client.patch<unknown>(target.messageUrl(messageId, query), payload, { idempotent: true });
        return posted(response, target);
      } catch (error) {
        return failure(target, 'edit', error);
      }
    },
  };
}
