import test from 'ava';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const cloudbuild = read('cloudbuild.yaml');

/** The default of a cloudbuild.yaml substitution. */
const substitution = (name: string): string | undefined => new RegExp(`^  ${name}: (.+)$`, 'm').exec(cloudbuild)?.[1];

test('every Cloud Build step runs on an image pinned by digest (a substitution; .ci/pin-images refreshes the digests)', (t) => {
  const names = [...cloudbuild.matchAll(/^\s+name: (.+)$/gm)].map(([, name]) => name.trim());
  t.true(names.length >= 4);
  for (const name of names) {
    const variable = /^\$\{(_[A-Z_]+)\}$/.exec(name)?.[1];
    t.truthy(variable, `${name} is a substitution`);
    t.regex(substitution(variable ?? '') ?? '', /^[\w./:-]+@sha256:[0-9a-f]{64}$/, `${name} carries a real digest`);
  }
});

test('Cloud Build runs as its own service account, and tests run on Node 22 with Java 17 and the emulators', (t) => {
  t.regex(cloudbuild, /^serviceAccount: projects\/\$\{PROJECT_ID\}\/serviceAccounts\/\$\{_DEPLOYER_SA\}$/m);
  t.regex(substitution('_NODE_IMAGE') ?? '', /^node:22-/);
  t.regex(cloudbuild, /bash \.ci\/install-ci-tools && bash \.ci\/run/);
  const tools = read('.ci/install-ci-tools');
  for (const pkg of ['openjdk-17-jre-headless', 'google-cloud-cli-pubsub-emulator', 'google-cloud-cli-firestore-emulator'])
    t.true(tools.includes(pkg), pkg);
});

test('CI runs secretlint (preset-recommend) and npm audit --omit=dev, tolerating only a registry that answers 405', (t) => {
  t.regex(read('.ci/run'), /bash \.ci\/supply-chain \|\| fail/);
  const script = read('.ci/supply-chain');
  t.regex(script, /secretlint --maskSecrets "\*\*\/\*"/);
  t.regex(script, /npm audit --omit=dev/);
  t.regex(script, /405/);
  t.deepEqual(JSON.parse(read('.secretlintrc.json')), { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] });
  t.regex(read('.pre-commit-config.yaml'), /secretlint[\s\S]*eslint[\s\S]*tsc --noEmit/);
});

test('the deployer and function-build service accounts hold named roles, never Owner or Editor', (t) => {
  const build = read('terraform/build.tf');
  t.regex(build, /resource "google_service_account" "deployer"/);
  t.regex(build, /resource "google_service_account" "function_build"/);
  t.false(/roles\/(owner|editor)"/.test(build));
});

/** The shell script of a step (`- |` block of its args), as written in cloudbuild.yaml. */
function stepScript(id: string): string {
  const step = cloudbuild.slice(cloudbuild.indexOf(`  - id: ${id}\n`));
  const lines = step.split('\n');
  const start = lines.findIndex((line) => /^\s+- \|$/.test(line));
  const script: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line !== '' && !line.startsWith('        ')) break;
    script.push(line.slice(8));
  }
  return script.join('\n');
}

/** What Cloud Build runs: `${NAME}` replaced by its substitution, `$$` by `$` (one pass, as Cloud Build does). */
function substitute(script: string, values: Record<string, string>): string {
  return script.replace(/\$\$|\$\{([A-Z_][A-Z0-9_]*)\}/g, (match, name: string | undefined) => {
    if (name === undefined) return '$';
    const value = values[name];
    if (value === undefined) throw new Error(`no value for ${match}`);
    return value;
  });
}

/** Runs the deploy step with `sh` and a stand-in `terraform` that prints its arguments; returns the apply's. */
function deployApplyArgs(overrides: Record<string, string>): string[] {
  const defaults = Object.fromEntries(
    [...cloudbuild.matchAll(/^ {2}(_[A-Z_]+): (.*)$/gm)].map(([, name, value]) => [name, value === "''" ? '' : value]),
  );
  const values: Record<string, string> = { ...defaults, PROJECT_ID: 'sentinel-test', SHORT_SHA: 'abc1234', ...overrides };
  const dir = mkdtempSync(join(tmpdir(), 'cloudbuild-deploy-'));
  try {
    writeFileSync(
      join(dir, 'terraform'),
      '#!/bin/sh\n[ "$1" = apply ] && for a in "$@"; do printf \'%s\\n\' "$a"; done\nexit 0\n',
    );
    chmodSync(join(dir, 'terraform'), 0o755);
    // The step's env (cloudbuild.yaml): ALERT_CHANNELS=${_ALERT_CHANNELS}.
    const out = execFileSync('sh', ['-c', substitute(stepScript('deploy'), values)], {
      encoding: 'utf8',
      env: { PATH: `${dir}:${process.env.PATH ?? ''}`, ALERT_CHANNELS: values._ALERT_CHANNELS ?? '' },
    });
    return out.split('\n').filter((line) => line !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Cloud Build passes the alert channels (a list, required in prod) and the Firestore database to terraform apply', (t) => {
  t.is(substitution('_ALERT_CHANNELS'), "''", 'dev builds need no channel');
  t.is(substitution('_FIRESTORE_DATABASE_ID'), '(default)');
  const dev = deployApplyArgs({});
  t.true(dev.includes('-var=alert_notification_channels=[]'), dev.join(' '));
  t.true(dev.includes('-var=firestore_database_id=(default)'));
  t.true(dev.includes('-var=environment=dev'));
  const prod = deployApplyArgs({
    _ENVIRONMENT: 'prod',
    _ALERT_CHANNELS: 'projects/p/notificationChannels/1, projects/p/notificationChannels/2,',
    _FIRESTORE_DATABASE_ID: 'sentinel-restored',
  });
  t.true(
    prod.includes('-var=alert_notification_channels=["projects/p/notificationChannels/1","projects/p/notificationChannels/2"]'),
    prod.join(' '),
  );
  t.true(prod.includes('-var=firestore_database_id=sentinel-restored'));
  t.true(
    deployApplyArgs({ _ALERT_CHANNELS: 'projects/p/notificationChannels/9' }).includes(
      '-var=alert_notification_channels=["projects/p/notificationChannels/9"]',
    ),
  );
});

test('the alert channels reach the deploy script as a variable, never as shell text', (t) => {
  t.regex(cloudbuild, /^ {6}- ALERT_CHANNELS=\$\{_ALERT_CHANNELS\}$/m, 'the deploy step sets it in its env');
  t.false(stepScript('deploy').includes('${_ALERT_CHANNELS}'), 'the script never pastes the substitution');
  const marker = join(tmpdir(), `cloudbuild-injected-${process.pid}`);
  // `${IFS}`, not a blank: the list's blanks are dropped before terraform sees it.
  const injected = `$(touch\${IFS}${marker})`;
  const args = deployApplyArgs({ _ALERT_CHANNELS: injected });
  t.false(existsSync(marker), 'nothing in the value ran');
  t.true(
    args.some((arg) => arg.includes(injected)),
    'the value reaches terraform as it was, for its validation to refuse',
  );
  t.regex(read('terraform/variables.tf'), /can\(regex\("\^projects\/\[\^\/\]\+\/notificationChannels\/\[0-9\]\+\$", id\)\)/);
});
