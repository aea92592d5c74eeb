import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TOPOLOGY } from '../functions/topology.js';
import type { FunctionRow, ScheduleRow } from '../functions/topology.js';
import { TOPICS } from '../shared/messages/topics.js';

/** The generated file Terraform reads with every plan (its variables are declared in terraform/topology.tf). */
export const TFVARS_PATH = fileURLToPath(new URL('../terraform/topology.auto.tfvars.json', import.meta.url));

/** The command that rewrites it. */
export const REGENERATE_TFVARS = 'npm run topology:tf';

/** A value with object keys sorted at every level: what Terraform's `jsonencode` writes. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys(Reflect.get(value, key))]),
  );
}

function functionVariables(row: FunctionRow) {
  return {
    topic: row.trigger,
    filter: row.filter,
    ordered: row.ordered,
    minimum_backoff: `${row.retry.minimumSeconds}s`,
    maximum_backoff: `${row.retry.maximumSeconds}s`,
    dead_letter: row.deadLetter,
    ack_deadline_seconds: row.ackDeadlineSeconds,
    max_instances: row.maxInstances,
    memory: row.memory,
    timeout_seconds: row.timeoutSeconds,
    publishes: [...row.publishes],
    secrets: [...row.secrets],
    firestore: row.store === 'firestore',
  };
}

function scheduleVariables(row: ScheduleRow) {
  return {
    // The scan jobs keep the names they were first deployed with (test-scan-daily-crypto).
    name: row.topic === TOPICS.scanRequests ? `scan-${row.key}` : row.key,
    description: row.description,
    schedule: row.cron,
    time_zone: row.timeZone,
    topic: row.topic,
    attributes: { ...row.attributes },
    // Byte for byte what `jsonencode` made of the payload before the table existed, so no job is updated.
    data: JSON.stringify(sortedKeys(row.payload)),
  };
}

/** terraform/topology.auto.tfvars.json, rendered from functions/topology.ts. */
export function renderTopologyTfvars(topology = TOPOLOGY): string {
  const variables = {
    '//': `Generated from functions/topology.ts by \`${REGENERATE_TFVARS}\`; a test fails when it differs. Edit the table, not this file.`,
    topology_topics: [...topology.topics],
    topology_functions: Object.fromEntries(topology.functions.map((row) => [row.name, functionVariables(row)])),
    topology_schedules: Object.fromEntries(topology.schedules.map((row) => [row.key, scheduleVariables(row)])),
  };
  return `${JSON.stringify(variables, null, 2)}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(TFVARS_PATH, renderTopologyTfvars());
  process.stdout.write(`wrote ${TFVARS_PATH}\n`);
}
