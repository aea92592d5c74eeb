import test from 'ava';
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { GENERATED_FILES, renderConfigurationDoc, renderEnvExample } from '../../../scripts/config-table.js';
import { CONFIG_VARIABLES } from '../../../shared/config/config.schema.js';
import { parseConfig } from '../../../shared/config/load-config.js';
import { SECRET_NAMES } from '../../../shared/secrets/secret-names.js';

const REGENERATE = 'run `npx tsx scripts/config-table.ts --write`';

test('docs/configuration.md is the table generated from the schema', (t) => {
  t.is(readFileSync(GENERATED_FILES.doc, 'utf8'), renderConfigurationDoc(), REGENERATE);
});

test('.env.example is the file generated from the schema', (t) => {
  t.is(readFileSync(GENERATED_FILES.envExample, 'utf8'), renderEnvExample(), REGENERATE);
});

test('.env.example mentions every variable of the schema and every secret', (t) => {
  const text = readFileSync(GENERATED_FILES.envExample, 'utf8');
  for (const name of [...CONFIG_VARIABLES, ...SECRET_NAMES]) {
    t.regex(text, new RegExp(`^(# )?${name}=`, 'm'), `${name} is listed`);
  }
});

test('docs/configuration.md has a row for every variable and every secret', (t) => {
  const text = readFileSync(GENERATED_FILES.doc, 'utf8');
  for (const name of [...CONFIG_VARIABLES, ...SECRET_NAMES]) t.true(text.includes(`| \`${name}\` |`), name);
});

test('.env.example holds safe values that parse to the local defaults', (t) => {
  const values = parseEnv(readFileSync(GENERATED_FILES.envExample, 'utf8'));
  t.is(values.ENVIRONMENT, 'dev');
  t.is(values.TEST_MODE, 'true');
  t.is(values.ALPACA_PAPER_TRADING, 'true');
  t.is(values.ENABLE_EXECUTION, 'false');
  t.is(values.DISABLE_SECRET_MANAGER, 'true');
  for (const name of SECRET_NAMES) t.is(values[name], '', `secret ${name} is empty`);
  t.deepEqual(parseConfig(values), parseConfig({}));
});
