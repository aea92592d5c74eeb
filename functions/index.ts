import { http } from '@google-cloud/functions-framework';
import { loadConfig } from '../shared/config/index.js';
import type { PushEventLike } from '../shared/messages/envelope.js';
import { guardHandler } from '../shared/runtime/guard-handler.js';
import { memo } from '../shared/runtime/memo.js';
import { pushEndpoint } from '../shared/runtime/push-endpoint.js';
import { instanceDeps } from './instance-deps.js';
import { FUNCTIONS } from './topology.js';

// One registration per row of the topology table; the entry point is the row's name. Each handler is built at
// its first message (config, secrets and clients once per instance); a failed build is retried at the next, on
// the same clients. Every handler is guarded (issue 12): an error is logged redacted and never reaches
// functions-framework's crash printer with its text.
for (const row of FUNCTIONS) {
  const deps = memo(() => instanceDeps(loadConfig(), row));
  const handler = memo(async () => row.build(await deps()));
  // The push body itself (shared/runtime/push-endpoint.ts): the CloudEvent functions-framework would make of it has
  // no deliveryAttempt.
  http(row.name, pushEndpoint(guardHandler(row.name, async (event: PushEventLike) => (await handler())(event))));
}
