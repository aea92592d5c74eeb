import test from 'ava';
import { FUNCTIONS } from '../../../functions/topology.js';
import { compilePubSubFilter } from '../../../shared/bus/pubsub-filter.js';
import { encodeMessage } from '../../../shared/messages/envelope.js';
import { MAINTENANCE_TASKS, maintenanceRequestKind } from '../../../shared/messages/maintenance-request.js';
import { TOPICS } from '../../../shared/messages/topics.js';

test('a maintenance request encoded by our code carries its task attribute, so its one consumer filter lets it through', (t) => {
  const consumers = FUNCTIONS.filter((row) => row.trigger === TOPICS.maintenance);
  for (const task of MAINTENANCE_TASKS) {
    const { attributes } = encodeMessage(maintenanceRequestKind, { schemaVersion: 1, task });
    t.is(attributes.task, task);
    const takers = consumers.filter((row) => compilePubSubFilter(row.filter)(attributes)).map((row) => row.name);
    t.is(takers.length, 1, `${task} reaches exactly one function: ${takers.join(', ')}`);
  }
});
