import { loadConfig } from '../../shared/config/index.js';
import { createSecretManagerClient } from '../../shared/secrets/secret-manager-client.js';
import { ROTATION_DAYS, secretAges } from '../../shared/secrets/secret-ages.js';
import type { SecretAge, SecretVersionClient } from '../../shared/secrets/secret-ages.js';
import { SECRET_NAMES } from '../../shared/secrets/secret-names.js';
import { UsageError } from '../replay/cli-options.js';
import type { CliIo, Command } from './io.js';
import { parseCommandArgs } from './parse.js';
import { table } from './table.js';

/** What `secrets check` may be handed instead of the real client and clock (tests). */
export interface SecretsCheckDeps {
  readonly client?: SecretVersionClient;
  readonly now?: () => Date;
}

function cell(age: SecretAge): string[] {
  if ('ageDays' in age)
    return [
      age.name,
      `${age.ageDays} d`,
      age.createdAt.slice(0, 10),
      age.state === 'rotate' ? `ROTATE (> ${ROTATION_DAYS} d)` : 'ok',
    ];
  return [age.name, '-', '-', age.state === 'missing' ? 'missing' : `unreadable: ${age.reason}`];
}

/**
 * `secrets check [--json]`: the age of the latest version of every secret in Secret Manager, with a warning past
 * 90 days (exit 1 when one is due). Locally (DISABLE_SECRET_MANAGER=true) secrets come from the environment or
 * `.env`, which record no date: it says the ages are unknown. Values are never read.
 */
export function secretsCommand(deps: SecretsCheckDeps = {}): Command {
  return async (argv: readonly string[], io: CliIo) => {
    const { values, positionals } = parseCommandArgs('secrets', {
      args: [...argv],
      options: { json: { type: 'boolean', default: false } },
      allowPositionals: true,
    });
    if (positionals.length !== 1 || positionals[0] !== 'check') throw new UsageError('secrets: the only subcommand is "check"');
    const config = loadConfig();
    if (!config.secrets.useSecretManager || config.gcp.projectId === undefined) {
      const text = `Secrets come from the environment or .env (DISABLE_SECRET_MANAGER=true): their ages are unknown. Rotate every ${ROTATION_DAYS} days by hand; in Google Cloud run this command with GOOGLE_CLOUD_PROJECT set and DISABLE_SECRET_MANAGER=false.`;
      io.out.write(
        values.json ? `${JSON.stringify({ source: 'environment', ages: 'unknown', names: SECRET_NAMES })}\n` : `${text}\n`,
      );
      return 0;
    }
    const client = deps.client ?? (createSecretManagerClient() as unknown as SecretVersionClient);
    const ages = await secretAges(client, config.gcp.projectId, (deps.now ?? (() => new Date()))());
    const due = ages.filter((age) => age.state === 'rotate');
    if (values.json) {
      io.out.write(
        `${JSON.stringify({ source: 'secret-manager', project: config.gcp.projectId, rotationDays: ROTATION_DAYS, secrets: ages })}\n`,
      );
    } else {
      io.out.write(`${table(['secret', 'age', 'latest version', 'state'], ages.map(cell), { textColumns: 4 })}\n`);
      for (const age of due)
        io.err.write(
          `warning: ${age.name} is ${'ageDays' in age ? age.ageDays : '?'} days old; rotate it (docs/operations.md)\n`,
        );
    }
    return due.length > 0 ? 1 : 0;
  };
}

/** The command as `npm run sentinel -- secrets check` runs it. */
export const secrets: Command = secretsCommand();
