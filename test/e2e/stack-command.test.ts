import test from 'ava';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { eventually } from './e2e-stack.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function run(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import=tsx', 'scripts/sentinel.ts', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const listening = (host: string) =>
  new Promise<boolean>((resolve) => {
    const [name, port] = host.split(':');
    const socket = connect(Number(port), name);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

test('`sentinel stack` prints how to publish; `sentinel publish` with that reaches the functions; Ctrl-C stops everything', async (t) => {
  const clean = { ...process.env };
  for (const name of ['PUBSUB_EMULATOR_HOST', 'FIRESTORE_EMULATOR_HOST', 'GOOGLE_CLOUD_PROJECT', 'STORE']) delete clean[name];
  const project = `stack-${Date.now().toString(36)}`;
  const child = spawn(process.execPath, ['--import=tsx', 'scripts/sentinel.ts', 'stack', '--project', project], {
    cwd: root,
    env: { ...clean, METADATA_SERVER_DETECTION: 'none' },
    detached: true,
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  t.teardown(() => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  });

  const hint = /^ {2}(PUBSUB_EMULATOR_HOST=(\S+) GOOGLE_CLOUD_PROJECT=(\S+)) npm run sentinel -- publish scan-requests '(.+)'$/m;
  const command = await eventually('the publish hint', () => hint.exec(stdout) ?? undefined, 90_000);
  const [, , pubsubHost, printedProject, payload] = command;
  t.is(printedProject, project);
  const firestoreHost = /Firestore emulator\s+(\S+)/.exec(stdout)?.[1] ?? '';
  t.regex(stdout, /persistState\s+http:\/\/127\.0\.0\.1:\d+ {2}← test-persistState-push \(analyses\)/);

  const published = await run(['publish', 'scan-requests', payload], {
    PUBSUB_EMULATOR_HOST: pubsubHost,
    GOOGLE_CLOUD_PROJECT: project,
    METADATA_SERVER_DETECTION: 'none',
  });
  t.is(published.code, 0, published.stderr);
  await eventually(
    'the notification on the console',
    () => (/── notification signal\.created/.test(stdout) ? true : undefined),
    60_000,
  );
  t.regex(stdout, /BULLISH BELT HOLD detected on BTC\/USD/);

  process.kill(child.pid ?? 0, 'SIGINT');
  t.is(await exited, 0);
  t.false(await listening(pubsubHost), 'the Pub/Sub emulator is stopped');
  t.false(await listening(firestoreHost), 'the Firestore emulator is stopped');
  const persistUrl = new URL(/persistState\s+(http:\S+)/.exec(stdout)?.[1] ?? 'http://127.0.0.1:1');
  t.false(await listening(persistUrl.host), 'the function servers are stopped');
});
