import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TOPICS } from '../../shared/messages/topics.js';

const locals = readFileSync(fileURLToPath(new URL('../../terraform/locals.tf', import.meta.url)), 'utf8');
const registry = readFileSync(fileURLToPath(new URL('../../functions/index.ts', import.meta.url)), 'utf8');

test('Terraform creates exactly the topics the code publishes to', (t) => {
  const declared = /topics = \[([^\]]*)\]/.exec(locals)?.[1] ?? '';
  const names = [...declared.matchAll(/"([^"]+)"/g)].map(([, name]) => name);
  t.deepEqual(names.sort(), Object.values(TOPICS).sort());
});

test('Terraform deploys one function per handler registered with functions-framework', (t) => {
  const registered = [...registry.matchAll(/cloudEvent\('(\w+)'/g)].map(([, name]) => name);
  const deployed = [...locals.matchAll(/^\s{4}(\w+)\s+= \{ topic = "/gm)].map(([, name]) => name);
  t.true(registered.length >= 5);
  t.deepEqual(deployed.sort(), registered.sort());
});
