import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { discordLimitProblem } from './discord-limits-check.js';
import { parseMultipart } from './multipart.js';
import type { FormPart } from './multipart.js';

/** One request the server saw, with its parts decoded. `at` is the server's clock (a test's fake clock when given). */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly webhookId: string;
  readonly messageId?: string;
  readonly contentType: string;
  /** The JSON body, or the parsed `payload_json` part of a multipart body. */
  readonly payload: Record<string, unknown>;
  /** Every multipart part (`payload_json` and `files[n]`). */
  readonly parts: readonly FormPart[];
  readonly at: number;
  readonly status: number;
}

/** A canned answer, served before the default behaviour. */
export interface ScriptedResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A message the server stored. */
export interface StoredMessage {
  readonly id: string;
  readonly webhookId: string;
  payload: Record<string, unknown>;
  readonly threadId?: string;
  edits: number;
}

interface Webhook {
  readonly id: string;
  readonly token: string;
  readonly forum: boolean;
}

const PATH = /^\/api(?:\/v\d+)?\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(\d+))?$/;
const error = (status: number, code: number, message: string): ScriptedResponse => ({ status, body: { code, message } });

/**
 * A local HTTP server speaking Discord's webhook wire format (wire-formats C): execute (`wait=true` → 200 + message,
 * else 204; `thread_id`; forum `thread_name`), message PATCH, JSON or multipart (`payload_json` + `files[n]`) bodies,
 * `X-RateLimit-*` headers, 404 10015 for an unknown webhook, 404 10003 for an unknown thread, 400 220001 for a forum
 * post without thread, 400 50035 for a payload over Discord's limits; scripted answers (429, 500 …) go first.
 */
export class DiscordServer {
  readonly requests: RecordedRequest[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly #webhooks = new Map<string, Webhook>();
  readonly #scripts = new Map<string, ScriptedResponse[]>();
  readonly #now: () => number;
  readonly #server: Server;
  #nextId = 1_100_000_000_000_000_000n;

  constructor(options: { readonly now?: () => number } = {}) {
    this.#now = options.now ?? (() => Date.now());
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  /** Starts listening on a free loopback port; returns the base URL (`http://127.0.0.1:<port>`). */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return this.baseUrl;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Registers a webhook; `forum` makes its channel a forum. Returns its URL as Discord's UI would give it. */
  addWebhook(options: { readonly forum?: boolean; readonly token?: string } = {}): { id: string; token: string; url: string } {
    const id = String(900_000_000_000_000_000n + BigInt(this.#webhooks.size + 1));
    const token = options.token ?? `tok_${id.slice(-6)}_SecretPart-xyz`;
    this.#webhooks.set(id, { id, token, forum: options.forum ?? false });
    return { id, token, url: `${this.baseUrl}/api/webhooks/${id}/${token}` };
  }

  /** Queues answers for the next requests to `webhookId` (`*`: to any webhook). */
  script(webhookId: string, ...responses: ScriptedResponse[]): void {
    this.#scripts.set(webhookId, [...(this.#scripts.get(webhookId) ?? []), ...responses]);
  }

  /** The requests that were answered 2xx. */
  accepted(): RecordedRequest[] {
    return this.requests.filter((r) => r.status < 300);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.baseUrl);
    const match = PATH.exec(url.pathname);
    const contentType = req.headers['content-type'] ?? '';
    const parts = contentType.startsWith('multipart/') ? parseMultipart(Buffer.concat(chunks), contentType) : [];
    const json =
      parts.length > 0
        ? parts.find((p) => p.name === 'payload_json')?.data.toString('utf8')
        : Buffer.concat(chunks).toString('utf8');
    const payload = json ? (JSON.parse(json) as Record<string, unknown>) : {};
    const query = Object.fromEntries(url.searchParams);
    const [, webhookId = '', token = '', messageId] = match ?? [];
    const answer = this.#answer(req.method ?? 'GET', webhookId, token, messageId, query, payload);
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      webhookId,
      ...(messageId ? { messageId } : {}),
      contentType,
      payload,
      parts,
      at: this.#now(),
      status: answer.status,
    });
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  #answer(
    method: string,
    webhookId: string,
    token: string,
    messageId: string | undefined,
    query: Record<string, string>,
    payload: Record<string, unknown>,
  ): ScriptedResponse {
    const webhook = this.#webhooks.get(webhookId);
    if (webhook === undefined || webhook.token !== token) return error(404, 10015, 'Unknown Webhook');
    const scripted = this.#scripts.get(webhookId)?.shift() ?? this.#scripts.get('*')?.shift();
    if (scripted) return scripted;
    const headers = {
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '4',
      'x-ratelimit-reset-after': '0.4',
      'x-ratelimit-bucket': `b${webhookId.slice(-4)}`,
    };
    const problem = discordLimitProblem(payload);
    if (problem) return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: problem }, headers };
    if (method === 'PATCH') {
      const stored = messageId === undefined ? undefined : this.messages.get(messageId);
      if (stored === undefined || stored.webhookId !== webhookId) return error(404, 10008, 'Unknown Message');
      stored.payload = { ...stored.payload, ...payload };
      stored.edits++;
      return { status: 200, body: this.#messageObject(stored), headers };
    }
    const threadId = query.thread_id;
    if (threadId !== undefined && !(webhook.forum && this.messages.get(threadId)?.threadId === threadId))
      return error(404, 10003, 'Unknown Channel');
    if (webhook.forum && threadId === undefined && typeof payload.thread_name !== 'string') {
      return error(400, 220001, 'Webhooks posted to forum channels must have a thread_name or thread_id');
    }
    if (!webhook.forum && payload.thread_name !== undefined)
      return error(400, 220003, 'Webhooks can only create threads in forum channels');
    const id = String(this.#nextId++);
    const stored: StoredMessage = { id, webhookId, payload, edits: 0, ...(webhook.forum ? { threadId: threadId ?? id } : {}) };
    this.messages.set(id, stored);
    return query.wait === 'true' ? { status: 200, body: this.#messageObject(stored), headers } : { status: 204, headers };
  }

  #messageObject(message: StoredMessage): Record<string, unknown> {
    return {
      id: message.id,
      type: 0,
      channel_id: message.threadId ?? '290926798999357250',
      webhook_id: message.webhookId,
      ...message.payload,
    };
  }
}
