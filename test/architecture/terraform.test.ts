import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FUNCTIONS, SCHEDULES, TOPIC_LIST } from '../../functions/topology.js';
import { REGENERATE_TFVARS, TFVARS_PATH, renderTopologyTfvars } from '../../scripts/topology-tfvars.js';
import { TOPICS } from '../../shared/messages/topics.js';
import { TRADE_DESK_LEASE_MS } from '../../shared/trading/trade-desk.js';
import { DEFAULT_DELIVERY_LEASE_MS } from '../../functions/notify-discord/index.js';
import { TERRAFORM_DIR, block, rootModule, tf, variableDefault } from './terraform-tf.js';

const terraform = (file: string) => readFileSync(fileURLToPath(new URL(`../../terraform/${file}`, import.meta.url)), 'utf8');

interface Tfvars {
  readonly topology_topics: string[];
  readonly topology_functions: Record<
    string,
    {
      topic: string;
      filter: string;
      ordered: boolean;
      dead_letter: boolean;
      publishes: string[];
      secrets: string[];
      firestore: boolean;
    }
  >;
  readonly topology_schedules: Record<string, { name: string; schedule: string; time_zone: string; topic: string; data: string }>;
}
const tfvars = JSON.parse(readFileSync(TFVARS_PATH, 'utf8')) as Tfvars;

test('terraform/topology.auto.tfvars.json is what the topology table generates', (t) => {
  t.is(readFileSync(TFVARS_PATH, 'utf8'), renderTopologyTfvars(), `out of date: run \`${REGENERATE_TFVARS}\``);
});

test('the table holds every topic the code publishes to, and one row per function and schedule', (t) => {
  t.deepEqual([...TOPIC_LIST].sort(), Object.values(TOPICS).sort());
  t.is(new Set(FUNCTIONS.map((row) => row.name)).size, FUNCTIONS.length, 'function names are unique');
  t.is(new Set(SCHEDULES.map((row) => row.key)).size, SCHEDULES.length, 'schedule keys are unique');
  for (const row of FUNCTIONS) {
    t.true(TOPIC_LIST.includes(row.trigger), `${row.name} is triggered by a declared topic`);
    for (const topic of row.publishes) t.true(TOPIC_LIST.includes(topic), `${row.name} publishes on a declared topic`);
    t.is(row.deadLetter, row.trigger !== TOPICS.deadLetters, `${row.name}: only the dead-letter feed has no dead-letter policy`);
    if (row.deadLetter) t.true(row.publishes.includes(TOPICS.deadLetters), `${row.name} may publish a poison message's copy`);
    t.true(row.ackDeadlineSeconds >= row.timeoutSeconds, `${row.name}: no redelivery while the function still runs`);
  }
  for (const row of SCHEDULES) t.true(TOPIC_LIST.includes(row.topic), `schedule ${row.key} publishes on a declared topic`);
});

test('the trade desk lease outlasts every invocation of the functions that take the desk', (t) => {
  for (const name of ['executeOrders', 'reconcileBroker']) {
    const row = FUNCTIONS.find((r) => r.name === name);
    t.is(row?.timeoutSeconds !== undefined && row.timeoutSeconds * 1000 <= TRADE_DESK_LEASE_MS, true, `${name}'s timeout`);
  }
});

test('a Discord delivery claim outlasts every invocation of the functions that post', (t) => {
  for (const name of ['notifyDiscord', 'postDigest', 'announceSecretRotation']) {
    const row = FUNCTIONS.find((r) => r.name === name);
    t.true(row !== undefined && row.timeoutSeconds * 1000 < DEFAULT_DELIVERY_LEASE_MS, `${name}'s timeout`);
  }
});

test('Terraform takes its topics, functions and Scheduler jobs from the generated variables only', (t) => {
  const locals = terraform('locals.tf');
  t.regex(locals, /^\s+topics\s+= var\.topology_topics$/m);
  t.regex(locals, /^\s+functions\s+= var\.topology_functions$/m);
  t.regex(locals, /^\s+schedules\s+= var\.topology_schedules$/m);
  const iam = terraform('iam.tf');
  t.regex(iam, /publish_grants\s+= merge\(\[for fn, f in local\.functions : \{ for t in f\.publishes : "\$\{fn\}\/\$\{t\}"/);
  t.regex(iam, /secret_grants\s+= merge\(\[for fn, f in local\.functions : \{ for s in f\.secrets : "\$\{fn\}\/\$\{s\}"/);
  t.regex(iam, /datastore_users = \[for fn, f in local\.functions : fn if f\.firestore\]/);
  const functions = terraform('functions.tf');
  for (const field of [
    'filter',
    'ack_deadline_seconds',
    'minimum_backoff',
    'maximum_backoff',
    'memory',
    'timeout_seconds',
    'max_instances',
  ]) {
    t.regex(functions, new RegExp(`= each\\.value\\.${field}$`, 'm'), `functions.tf reads ${field} from the row`);
  }
  t.regex(
    functions,
    /name\s+= "\$\{local\.prefix\}-\$\{each\.key\}-push"/,
    'test-<fn>-push / live-<fn>-push, as subscriptionName()',
  );
  t.regex(functions, /push_endpoint = ".*\/projects\/\$\{var\.project_id\}\/topics\/\$\{each\.value\.topic\}"/);
  const scheduler = terraform('scheduler.tf');
  t.regex(scheduler, /for_each\s+= local\.schedules/);
  t.regex(scheduler, /name\s+= "\$\{local\.prefix\}-\$\{each\.value\.name\}"/);
  t.regex(scheduler, /time_zone\s+= each\.value\.time_zone/);
  t.notRegex(terraform('variables.tf'), /scan_schedules/, 'the schedules are rows of the table, not a variable');
});

/**
 * What was deployed before the table: each for_each key and name below is a live resource, and each filter is
 * immutable. The table may add to them; a change to one would destroy and recreate live infrastructure.
 */
const LIVE = {
  functions: ['fetchMarketData', 'generateSignals', 'persistState', 'notifyDiscord', 'recordDeadLetter'],
  // notifyDiscord's filter changed on purpose (issue 10: trade and position events reach Discord); Terraform
  // replaces that one subscription, and docs/operations.md says to let it drain first.
  filters: {
    fetchMarketData: '',
    generateSignals: '',
    persistState: '',
    notifyDiscord:
      'hasPrefix(attributes.type, "signal.") OR hasPrefix(attributes.type, "trade.") OR hasPrefix(attributes.type, "position.")',
    recordDeadLetter: '',
  },
  deadLetterSubscribers: ['fetchMarketData', 'generateSignals', 'persistState', 'notifyDiscord'],
  publishGrants: [
    'fetchMarketData/market-bars',
    'fetchMarketData/dead-letters',
    'generateSignals/analyses',
    'generateSignals/dead-letters',
    'persistState/events',
    'persistState/dead-letters',
    'notifyDiscord/dead-letters',
  ],
  secretGrants: [
    'fetchMarketData/ALPACA_API_KEY',
    'fetchMarketData/ALPACA_SECRET_KEY',
    'notifyDiscord/TEST_DISCORD_WEBHOOK',
    'notifyDiscord/LIVE_CRYPTO_DISCORD_WEBHOOK_URL',
    'notifyDiscord/LIVE_STOCK_DISCORD_WEBHOOK_URL',
    'notifyDiscord/DISCORD_SHADOW_WEBHOOK_URL',
    'notifyDiscord/DISCORD_SYSTEM_WEBHOOK_URL',
  ],
  datastoreUsers: ['fetchMarketData', 'persistState', 'notifyDiscord', 'recordDeadLetter'],
  jobs: {
    'daily-crypto': {
      name: 'scan-daily-crypto',
      data: '{"schemaVersion":1,"timeframe":"1Day","universe":"crypto"}',
      schedule: '1 0 * * *',
    },
    // Issue 9: the equity scan moved to 16:15 New York (the job keeps its address; only its schedule changes).
    'daily-equity': {
      name: 'scan-daily-equity',
      data: '{"schemaVersion":1,"timeframe":"1Day","universe":"equity"}',
      schedule: '15 16 * * 1-5',
      time_zone: 'America/New_York',
    },
  },
  topics: ['scan-requests', 'market-bars', 'analyses', 'events', 'dead-letters', 'maintenance'],
};

const includesAll = (actual: readonly string[], live: readonly string[]) => live.filter((key) => !actual.includes(key));

test('every live resource key, subscription filter and job keeps its address (the for_each keys Terraform derives)', (t) => {
  const fns = tfvars.topology_functions;
  t.deepEqual(includesAll(Object.keys(fns), LIVE.functions), [], 'fn, push, service accounts, invoker and log writer keys');
  t.deepEqual(includesAll(tfvars.topology_topics, LIVE.topics), [], 'topic keys');
  for (const [name, filter] of Object.entries(LIVE.filters)) t.is(fns[name]?.filter, filter, `${name}'s filter is unchanged`);
  const deadLetter = Object.entries(fns).flatMap(([name, f]) => (f.dead_letter ? [name] : []));
  t.deepEqual(includesAll(deadLetter, LIVE.deadLetterSubscribers), [], 'dead_letter_subscriber keys');
  const publish = Object.entries(fns).flatMap(([name, f]) => f.publishes.map((topic) => `${name}/${topic}`));
  t.deepEqual(includesAll(publish, LIVE.publishGrants), [], 'publish grant keys');
  const secrets = Object.entries(fns).flatMap(([name, f]) => f.secrets.map((secret) => `${name}/${secret}`));
  t.deepEqual(includesAll(secrets, LIVE.secretGrants), [], 'secret grant keys');
  const datastore = Object.entries(fns).flatMap(([name, f]) => (f.firestore ? [name] : []));
  t.deepEqual(includesAll(datastore, LIVE.datastoreUsers), [], 'datastore keys');
  for (const [key, job] of Object.entries(LIVE.jobs)) {
    t.like(tfvars.topology_schedules[key], { time_zone: 'Etc/UTC', ...job, topic: 'scan-requests' }, `job ${key}`);
  }
});

test('renamed addresses have moved blocks, so nothing live is destroyed', (t) => {
  t.regex(
    terraform('scheduler.tf'),
    /moved \{\s+from = google_cloud_scheduler_job\.scan\s+to\s+= google_cloud_scheduler_job\.job\s+\}/,
  );
});

// Deployment defects of the review of 2026-11-30, each pinned below.
const root = rootModule();
const operations = readFileSync(fileURLToPath(new URL('../../docs/operations.md', import.meta.url)), 'utf8');
const operationsSection = (title: string): string => {
  const start = operations.indexOf(`\n## ${title}`);
  const next = operations.indexOf('\n## ', start + 1);
  return start < 0 ? '' : operations.slice(start, next < 0 ? undefined : next);
};

/** Every `resource "<type>" "<name>" { ... }` block of the root module, by name. */
const resources = (type: string): Map<string, string> =>
  new Map(
    [...root.matchAll(new RegExp(`^resource "${type}" "([\\w-]+)"`, 'gm'))].map(([header, name]) => [
      name ?? '',
      block(root, header) ?? '',
    ]),
  );

/** The quoted strings of a `name = [ ... ]` list in text (a locals entry). */
const listLocal = (text: string, name: string): string[] => {
  const body = new RegExp(`\\n\\s*${name}\\s*=\\s*\\[([^\\]]*)\\]`).exec(text)?.[1] ?? '';
  return [...body.matchAll(/"([^"]+)"/g)].map(([, value]) => value ?? '');
};

test('a new secret gets its first rotation notice one period after the plan, never on a fixed date that passes', (t) => {
  // Secret Manager refuses a next_rotation_time less than 5 minutes ahead: a fixed default breaks every new secret.
  t.is(variableDefault(root, 'secret_first_rotation_time'), 'null');
  t.notRegex(root, /\n\s*default\s*=\s*"\d{4}-\d{2}-\d{2}T/, 'no timestamp is a default');
  t.regex(
    block(root, 'variable "secret_first_rotation_time"') ?? '',
    /condition\s+= var\.secret_first_rotation_time == null \|\| can\(regex\(/,
    'the validation accepts null',
  );
  const secret = block(tf('secrets.tf'), 'resource "google_secret_manager_secret" "secret"') ?? '';
  t.regex(
    secret,
    /next_rotation_time = var\.secret_first_rotation_time != null \? var\.secret_first_rotation_time : timeadd\(plantimestamp\(\), "\$\{var\.secret_rotation_days \* 24\}h"\)/,
  );
  t.regex(secret, /ignore_changes = \[rotation\[0\]\.next_rotation_time\]/, 'later plans change nothing');
});

test('a restore can be made permanent: Terraform imports the restored database and Cloud Build keeps pointing at it', (t) => {
  const drill = operationsSection('4. Restore drill');
  t.regex(drill, /terraform state rm google_firestore_database\.default/);
  t.regex(
    drill,
    /terraform import -var-file=\S+ google_firestore_database\.default projects\/<project>\/databases\/sentinel-restored/,
  );
  t.regex(drill, /firestore_database_id\s+= "sentinel-restored"/);
  t.regex(drill, /--update-substitutions=_FIRESTORE_DATABASE_ID=sentinel-restored/);
  t.regex(drill, /gcloud firestore databases create --database=sentinel-restored/, 'an import needs the database first');
  t.true(
    drill.indexOf('state rm google_firestore_database.default') < drill.indexOf('terraform import'),
    'the old database leaves the address before the new one is imported into it',
  );
  t.notRegex(drill, /apply -var=firestore_database_id=/, 'no apply that would try to create an existing database');
  t.regex(tf('firestore.tf'), /name\s+= var\.firestore_database_id/);
});

test('the deployer cannot grant itself Owner: Project IAM Admin only for the roles Terraform grants, no secret values', (t) => {
  const build = tf('build.tf');
  const deployerRoles = listLocal(build, 'deployer_roles');
  t.true(deployerRoles.length > 10, 'the deployer role list is read');
  for (const role of [
    'roles/resourcemanager.projectIamAdmin',
    'roles/secretmanager.admin',
    'roles/secretmanager.secretAccessor',
    'roles/iam.securityAdmin',
    'roles/owner',
    'roles/editor',
  ])
    t.false(deployerRoles.includes(role), `${role} is not among the deployer's unconditional roles`);

  const grantable = listLocal(build, 'deployer_grantable_roles');
  const iamAdmin = block(build, 'resource "google_project_iam_member" "deployer_project_iam"') ?? '';
  t.regex(iamAdmin, /role\s+= "roles\/resourcemanager\.projectIamAdmin"/);
  t.regex(
    iamAdmin,
    /condition \{[\s\S]*expression\s+= "api\.getAttribute\('iam\.googleapis\.com\/modifiedGrantsByRole', \[\]\)\.hasOnly\(\[\$\{join\(", ", \[for role in local\.deployer_grantable_roles : "'\$\{role\}'"\]\)\}\]\)"/,
  );
  for (const role of [
    'roles/owner',
    'roles/editor',
    'roles/resourcemanager.projectIamAdmin',
    'roles/iam.securityAdmin',
    'roles/iam.roleAdmin',
    'roles/iam.serviceAccountAdmin',
    'roles/iam.serviceAccountTokenCreator',
    'roles/secretmanager.admin',
  ])
    t.false(grantable.includes(role), `the deployer may not grant ${role}`);

  // The condition lists exactly the roles the configuration grants at project level to anyone but the deployer.
  const granted = new Set<string>();
  for (const [name, body] of resources('google_project_iam_member')) {
    if (/google_service_account\.deployer\./.test(body)) continue;
    const literal = /\n\s*role\s+= "([^"]+)"/.exec(body)?.[1];
    const forEach = /\n\s*for_each\s+= toset\(\[([^\]]*)\]\)/.exec(body)?.[1] ?? '';
    const roles =
      literal !== undefined
        ? [literal]
        : /\n\s*role\s+= each\.key/.test(body)
          ? [...forEach.matchAll(/"([^"]+)"/g)].map(([, role]) => role ?? '')
          : [];
    t.true(roles.length > 0, `the roles of google_project_iam_member.${name} are literal`);
    for (const role of roles) granted.add(role);
  }
  t.deepEqual([...granted].sort(), [...grantable].sort(), 'deployer_grantable_roles = the project-level grants of terraform/');

  const custom = block(build, 'resource "google_project_iam_custom_role" "deployer_secrets"') ?? '';
  const permissions = listLocal(custom, 'permissions');
  for (const permission of ['secretmanager.secrets.create', 'secretmanager.secrets.update', 'secretmanager.secrets.setIamPolicy'])
    t.true(permissions.includes(permission), permission);
  t.deepEqual(
    permissions.filter((permission) => !permission.startsWith('secretmanager.secrets.')),
    [],
    'no secretmanager.versions.* (no access to values)',
  );
  t.regex(
    block(build, 'resource "google_project_iam_member" "deployer_secrets"') ?? '',
    /role\s+= google_project_iam_custom_role\.deployer_secrets\.name/,
  );
  const supplyChain = operationsSection('7. Supply chain');
  t.regex(supplyChain, /deployer_grantable_roles/);
  t.regex(supplyChain, /no `secretmanager\.versions\.\*` permission/);
});

test('the function build account reads the function sources on their buckets only, not every bucket of the project', (t) => {
  const build = tf('build.tf');
  for (const [name, body] of resources('google_project_iam_member')) {
    if (!/google_service_account\.function_build\./.test(body)) continue;
    t.notRegex(body, /roles\/storage\./, `google_project_iam_member.${name} grants no Cloud Storage role`);
  }
  const source = block(build, 'resource "google_storage_bucket_iam_member" "function_build_source"') ?? '';
  t.regex(source, /bucket = var\.source_bucket/, 'the bucket functions.tf reads the archive from');
  t.regex(source, /role\s+= "roles\/storage\.objectViewer"/);
  const staging = block(build, 'resource "google_storage_bucket_iam_member" "function_build_staging"') ?? '';
  t.regex(staging, /bucket = "gcf-v2-sources-\$\{data\.google_project\.this\.number\}-\$\{var\.region\}"/);
  t.regex(staging, /role\s+= "roles\/storage\.objectViewer"/);
  t.regex(tf('functions.tf'), /bucket = var\.source_bucket/);
  t.regex(
    block(tf('functions.tf'), 'resource "google_cloudfunctions2_function" "fn"') ?? '',
    /depends_on = \[google_project_iam_member\.function_build, google_storage_bucket_iam_member\.function_build_source\]/,
  );
});

test('the optional Secure Web Proxy is described as what it is (enforcing nothing), and every runbook reference resolves', (t) => {
  t.regex(block(root, 'variable "enable_secure_web_proxy"') ?? '', /enforces nothing/);
  t.notRegex(root, /network-level allow-list is the optional Secure Web Proxy/);
  const egress = operationsSection('6. Egress');
  t.regex(egress, /enforces nothing/);
  t.regex(egress, /no firewall rule/);
  t.notRegex(egress, /is the network allow-list/);
  const headings = [...operations.matchAll(/^## (.+)$/gm)].map(([, heading]) => heading ?? '');
  const files = [...readdirSync(TERRAFORM_DIR).filter((f) => f.endsWith('.tf')), 'modules/secure-web-proxy/main.tf'];
  const cloudbuild = readFileSync(fileURLToPath(new URL('../../cloudbuild.yaml', import.meta.url)), 'utf8');
  const references = [...files.map((f) => tf(f)), cloudbuild].flatMap((text) =>
    [...text.matchAll(/docs\/operations\.md, "([^"]+)"/g)].map(([, title]) => title ?? ''),
  );
  t.true(references.length >= 4, 'references are found');
  for (const title of references) t.true(headings.includes(title), `docs/operations.md has a section "${title}"`);
});

test('no unused Scheduler service account, and the runbook rotates only secrets Terraform creates', (t) => {
  t.notRegex(root, /resource "google_service_account" "scheduler"/);
  t.notRegex(root, /scheduler_publish/);
  for (const body of resources('google_cloud_scheduler_job').values())
    t.notRegex(body, /pubsub_target[\s\S]*service_account/, 'a Pub/Sub target publishes as the Scheduler service agent');
  const created = new Set(Object.values(tfvars.topology_functions).flatMap((f) => f.secrets));
  // The credential column of the rotation table: every secret named there is one Terraform creates.
  const table = operationsSection('2. Revoke and rotate, per credential')
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .map((line) => line.split('|')[1] ?? '');
  const rotated = table.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z_]+)`/g)].map(([, name]) => name ?? ''));
  t.true(rotated.length >= 4, 'the rotation table is read');
  for (const name of rotated) t.true(created.has(name), `${name} is a secret Terraform creates`);
});
