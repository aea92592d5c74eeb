import test from 'ava';
import { readFileSync } from 'node:fs';

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
