import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import test from 'ava';
import { openFirestoreStore } from '../../shared/store/firestore-store.js';
import { Firestore } from '@google-cloud/firestore';
import { useFirestoreEmulator } from '../helpers/firestore-emulator.js';
import { signalOn } from '../contract/store-fixtures.js';

const emulator = useFirestoreEmulator();
const RULES = readFileSync(new URL('../../firestore.rules', import.meta.url), 'utf8');
// Rules are per project on the emulator: a project of its own leaves every other test's data open to its admin client.
const PROJECT = `rules-${randomUUID().slice(0, 8)}`;

/** An unsigned ID token the emulator accepts as a signed-in end user (what a web or mobile client would send). */
function userToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'u1', user_id: 'u1', aud: PROJECT, iss: `https://securetoken.google.com/${PROJECT}`, iat: now, exp: now + 3600, auth_time: now, firebase: { sign_in_provider: 'password' } })}.`;
}

test.before(async () => {
  const { host } = await emulator();
  const response = await fetch(`http://${host}/emulator/v1/projects/${PROJECT}:securityRules`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules: { files: [{ name: 'firestore.rules', content: RULES }] } }),
  });
  if (!response.ok) throw new Error(`the emulator refused the rules: HTTP ${response.status} ${await response.text()}`);
});

test('firestore.rules refuses every client read and write; the server library (admin) still works', async (t) => {
  const { host } = await emulator();
  const admin = new Firestore({ projectId: PROJECT, host, ssl: false });
  t.teardown(() => admin.terminate());
  const store = openFirestoreStore({ firestore: admin, environment: 'prod', prefix: `r${randomUUID().slice(0, 6)}_` });
  const signal = signalOn();
  t.is(await store.createSignalIfAbsent(signal, []), 'created', 'the functions write through the server library');
  const [collection] = (await admin.listCollections()).map((c) => c.id).filter((id) => id.endsWith('signals'));
  const documents = `http://${host}/v1/projects/${PROJECT}/databases/(default)/documents`;

  for (const [who, headers] of [
    ['no credentials', {}],
    ['a signed-in end user', { Authorization: `Bearer ${userToken()}` }],
  ] as const) {
    const read = await fetch(`${documents}/${collection}/${signal.signalId}`, { headers });
    t.is(read.status, 403, `${who}: read refused`);
    const list = await fetch(`${documents}/${collection}`, { headers });
    t.is(list.status, 403, `${who}: list refused`);
    const write = await fetch(`${documents}/${collection}?documentId=intruder-${who.length}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { status: { stringValue: 'STOPPED' } } }),
    });
    t.is(write.status, 403, `${who}: write refused`);
    const body = (await write.json()) as { error: { status: string } };
    t.is(body.error.status, 'PERMISSION_DENIED');
  }
  t.deepEqual(await store.getSignal(signal.signalId), signal, 'nothing a client sent changed the store');
  t.is((await admin.collection(collection).get()).size, 1, 'no intruder document');
});
