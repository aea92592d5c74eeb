import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { CLUSTERING, FACT_TABLES, FACT_TABLE_NAMES, PARTITION_COLUMN } from '../../shared/analytics/fact-tables.js';
import { VIEWS } from '../../shared/analytics/views.js';
import { TERRAFORM_BIGQUERY_DIR, terraformBigQueryFiles } from '../../scripts/analytics/terraform-files.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(fileURLToPath(new URL(path, root)), 'utf8');
const tf = read('terraform/bigquery.tf');
const REGENERATE = 'run `npx tsx scripts/analytics/terraform-files.ts --write`';

/** The `name = value` lines of one map in the `locals` block of bigquery.tf. */
function localMap(name: string): Map<string, string> {
  const body = new RegExp(`${name} = \\{([^}]*)\\}`).exec(tf)?.[1] ?? '';
  return new Map([...body.matchAll(/^\s*(\w+)\s*=\s*(\S+)\s*$/gm)].map(([, key, value]) => [key, value]));
}

test('the Terraform table schemas and view SQL are the ones the code defines', (t) => {
  for (const [file, text] of terraformBigQueryFiles()) {
    t.is(read(`${TERRAFORM_BIGQUERY_DIR}/${file}`), text, `${file} is out of date: ${REGENERATE}`);
  }
});

test('every table: partitioned by archive day, clustered by symbol, partition expiration as the code says', (t) => {
  const expirations = localMap('fact_tables');
  t.deepEqual([...expirations.keys()].sort(), [...FACT_TABLE_NAMES].sort());
  for (const name of FACT_TABLE_NAMES) t.is(Number(expirations.get(name)), FACT_TABLES[name].partitionExpirationDays, name);
  t.is(FACT_TABLES.fact_signals.partitionExpirationDays, 365);
  t.true(
    FACT_TABLES.fact_trades.partitionExpirationDays >= 7 * 365 &&
      FACT_TABLES.snapshot_accounts.partitionExpirationDays >= 7 * 365,
  );
  t.regex(tf, new RegExp(`field\\s+= "${PARTITION_COLUMN}"`));
  t.regex(tf, /expiration_ms = each\.value \* 86400000/);
  t.notRegex(tf, /default_table_expiration_ms|\bexpiration_time\b/, 'partition expiration, never table expiration');
  t.regex(tf, new RegExp(`clustering\\s+= \\[${CLUSTERING.map((c) => `"${c}"`).join(', ')}\\]`));
  for (const name of FACT_TABLE_NAMES) {
    t.true(
      FACT_TABLES[name].columns.some((c) => c.name === PARTITION_COLUMN && c.type === 'TIMESTAMP'),
      `${name} has ${PARTITION_COLUMN}`,
    );
    t.true(
      FACT_TABLES[name].columns.some((c) => c.name === 'symbol'),
      `${name} has the clustering column`,
    );
  }
});

test('every view is created after the tables and views it reads', (t) => {
  const tiers = localMap('view_tiers');
  t.deepEqual([...tiers.keys()].sort(), VIEWS.map((v) => v.name).sort());
  for (const view of VIEWS) {
    const reads = [...view.sql('DS').matchAll(/DS\.(\w+)/g)].map(([, name]) => name);
    for (const name of reads) {
      if ((FACT_TABLE_NAMES as readonly string[]).includes(name)) continue;
      t.true(Number(tiers.get(name)) < Number(tiers.get(view.name)), `${view.name} reads ${name} of a later tier`);
    }
  }
});

test('IAM: archiveAnalytics alone edits the dataset; digest readers get jobUser and dataViewer only', (t) => {
  t.regex(tf, /analytics_writers = \[for f in \["archiveAnalytics"\]/);
  const roles = [...tf.matchAll(/role\s+= "(roles\/bigquery\.\w+)"/g)].map(([, role]) => role).sort();
  t.deepEqual(roles, ['roles/bigquery.dataEditor', 'roles/bigquery.dataViewer', 'roles/bigquery.jobUser']);
  const editor = /resource "google_bigquery_dataset_iam_member" "writer" \{[^}]*\}/.exec(tf)?.[0] ?? '';
  t.regex(editor, /for_each\s+= toset\(local\.analytics_writers\)/);
});
