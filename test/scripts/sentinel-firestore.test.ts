import test from 'ava';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Firestore } from '@google-cloud/firestore';
import { openFirestoreStore } from '../../shared/store/firestore-store.js';
import { useFirestoreEmulator } from '../helpers/firestore-emulator.js';
import { makeSignal } from '../functions/persist-state/signal-factory.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const emulator = useFirestoreEmulator();

test('status and dead-letters read the Firestore store when STORE=firestore (the emulator stack)', async (t) => {
  const { host } = await emulator();
  const projectId = `sentinel-cli-${randomUUID().slice(0, 8)}`;
  const firestore = new Firestore({ projectId, host, ssl: false });
  t.teardown(() => firestore.terminate());
  const store = openFirestoreStore({ firestore, environment: 'dev' });
  const signal = makeSignal();
  t.is(await store.createSignalIfAbsent(signal, []), 'created');
  const env = {
    ...process.env,
    STORE: 'firestore',
    FIRESTORE_EMULATOR_HOST: host,
    GOOGLE_CLOUD_PROJECT: projectId,
    LOG_LEVEL: 'warn',
  };
  const status = await run(process.execPath, ['--import=tsx', 'scripts/sentinel.ts', 'status', '--json'], { cwd: root, env });
  const listed = JSON.parse(status.stdout) as { count: number; signals: { signalId: string }[] };
  t.is(listed.count, 1);
  t.is(listed.signals[0].signalId, signal.signalId);
  const letters = await run(process.execPath, ['--import=tsx', 'scripts/sentinel.ts', 'dead-letters'], { cwd: root, env });
  t.regex(letters.stdout, /No dead letters/);
});
