import type { HttpFunction } from '@google-cloud/functions-framework';
import type { PushEventLike } from '../messages/envelope.js';
import { HandlerFailedError } from './guard-handler.js';

/**
 * A Pub/Sub push endpoint for functions-framework's `http` signature: the push body (`{ message, subscription,
 * deliveryAttempt }`) reaches `handle` whole, as the `data` of a push event. functions-framework's `cloudEvent`
 * signature rebuilds a push body into a CloudEvent that keeps only the message's data, attributes, id and publish
 * time, and drops `deliveryAttempt` (which executeOrders reads on the last attempt), `subscription` and
 * `orderingKey`. Answers 204 (acknowledged) when `handle` returns, 500 (redelivered) when it throws, with the
 * guarded error's text, which carries nothing of the original; anything but a POST is 405.
 */
export function pushEndpoint(handle: (event: PushEventLike) => Promise<void>): HttpFunction {
  return async (request, response) => {
    if (request.method !== 'POST') {
      response.status(405).set('Allow', 'POST').end();
      return;
    }
    try {
      await handle({ data: request.body as unknown });
      response.status(204).end();
    } catch (error) {
      response
        .status(500)
        .type('text/plain')
        .send(error instanceof HandlerFailedError ? error.message : 'the push handler failed; see the log');
    }
  };
}
