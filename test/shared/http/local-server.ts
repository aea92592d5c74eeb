import http from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/** One scripted answer; `hang` never answers (for timeouts). */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  hang?: boolean;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface LocalServer {
  url: string;
  port: number;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 answering the scripted replies in order (the last one repeats). */
export async function startServer(replies: Reply[]): Promise<LocalServer> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      answer(response, replies[Math.min(received.length, replies.length) - 1] ?? {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new TypeError('server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(response: ServerResponse, reply: Reply): void {
  if (reply.hang === true) return;
  const json = reply.body === undefined ? '' : JSON.stringify(reply.body);
  response.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
  response.end(json);
}

/** A port on which nothing listens: a server is started, then closed. */
export async function closedPort(): Promise<number> {
  const server = await startServer([]);
  await server.close();
  return server.port;
}
