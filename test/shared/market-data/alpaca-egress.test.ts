import test from 'ava';
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { startAlpacaServer } from '../../servers/alpaca-server.js';
import { bundled, hits, KEYS, problemOf, sourceFor } from './alpaca-fixture.js';

/** A server that records the headers of every request it gets: where a followed redirect would land. */
async function startRecorder() {
  const seen: IncomingHttpHeaders[] = [];
  const server = http.createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"bars":{},"next_page_token":null}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new TypeError('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const request = {
  symbols: ['BTC/USD', 'SPY'],
  timeframe: '1Day',
  asOf: new Date('2019-06-03T12:00:00Z'),
  lookbackBars: 50,
} as const;

test('a redirect from Alpaca is not followed: the APCA-API-* headers never reach its target', async (t) => {
  const target = await startRecorder();
  const alpaca = await startAlpacaServer({
    crypto: { 'BTC/USD': bundled('BTC/USD') },
    stocks: { SPY: bundled('SPY') },
    faults: [{ endpoint: 'stock-bars', kind: 'redirect', location: target.url, times: 10 }],
  });
  t.teardown(async () => {
    await alpaca.close();
    await target.close();
  });
  const { source, capture } = sourceFor(alpaca);
  const results = await source.closedBars(request);

  t.is(hits(alpaca, 'stock-bars'), 1, 'a redirect is a final answer, not retried');
  t.deepEqual(target.seen, [], 'nothing reached the redirect target');
  t.truthy(problemOf(results, 'SPY'), 'the redirected class is a problem for its symbols');
  t.false(problemOf(results, 'BTC/USD') !== undefined, 'the other class is unaffected');
  t.like(
    capture.entries().find((entry) => entry.message === 'Alpaca redirect not followed'),
    { status: 302, path: '/v2/stocks/bars' },
  );
  const text = JSON.stringify(capture.entries());
  t.false(text.includes(KEYS.secretKey) || text.includes(KEYS.keyId));
});
