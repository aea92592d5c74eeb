import test from 'ava';
import { InvalidArgumentError } from '../../../shared/errors/errors.js';
import {
  MAX_CLIENT_ORDER_ID,
  clientOrderIdFor,
  isOurClientOrderId,
  signalIdOfClientOrderId,
} from '../../../shared/trading/client-order-id.js';

const SIGNAL = '0f3c5e1a-8a0b-5b7e-9a57-3f1f6c1d2e4a';

test('deterministic from the signal, the leg and the action; ours, and within Alpaca’s 128 characters', (t) => {
  const id = clientOrderIdFor(SIGNAL, 'a', 'entry');
  t.is(id, `cs1-${SIGNAL}-a-entry`);
  t.is(clientOrderIdFor(SIGNAL, 'a', 'entry'), id, 'the same inputs, the same id: a redelivery finds its order');
  t.not(clientOrderIdFor(SIGNAL, 'b', 'entry'), id);
  t.not(clientOrderIdFor(SIGNAL, 'a', 'exit-tp1'), id);
  t.is(clientOrderIdFor(SIGNAL, 'all', 'stop', 2), `cs1-${SIGNAL}-all-stop-2`, 'a repeated action has a version');
  t.true(id.length <= MAX_CLIENT_ORDER_ID);
  t.true(isOurClientOrderId(id));
  t.false(isOurClientOrderId('0d6b9a9e-6a6c-4a57-8c46-2a3d1e0b5b11'), 'an order placed by hand is not ours');
  t.is(signalIdOfClientOrderId(id), SIGNAL);
  t.is(signalIdOfClientOrderId('something-else'), undefined);
});

test('a signal id that is not a UUID, or a bad version, is refused naming the argument', (t) => {
  t.throws(() => clientOrderIdFor('BTC/USD', 'a', 'entry'), { instanceOf: InvalidArgumentError, message: /signalId/ });
  t.throws(() => clientOrderIdFor(SIGNAL, 'a', 'entry', -1), { instanceOf: InvalidArgumentError, message: /version/ });
});
