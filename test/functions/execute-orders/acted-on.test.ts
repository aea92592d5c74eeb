import test from 'ava';
import { EXECUTION_EVENT_TYPES } from '../../../functions/execute-orders/index.js';
import { FUNCTIONS } from '../../../functions/topology.js';
import { compilePubSubFilter } from '../../../shared/bus/pubsub-filter.js';
import { SIGNAL_EVENT_TYPES } from '../../../shared/messages/events.js';
import { TRADE_EVENT_TYPES } from '../../../shared/messages/trade-events.js';

test("the event types executeOrders acts on are exactly those its row's subscription filter lets through", (t) => {
  const row = FUNCTIONS.find((r) => r.name === 'executeOrders');
  if (!row) return t.fail('executeOrders is a row of the table');
  const passes = compilePubSubFilter(row.filter);
  const through = [...SIGNAL_EVENT_TYPES, ...TRADE_EVENT_TYPES].filter((type) => passes({ type }));
  t.deepEqual([...through].sort(), [...EXECUTION_EVENT_TYPES].sort());
  t.false(EXECUTION_EVENT_TYPES.includes('signal.gap'));
  t.true(EXECUTION_EVENT_TYPES.includes('signal.trailed'));
});
