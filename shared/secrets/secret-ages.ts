import { SECRET_NAMES } from './secret-names.js';
import type { SecretName } from './secret-names.js';

/** Secret Manager's guidance and ours: a credential older than this is due for rotation. */
export const ROTATION_DAYS = 90;

/** The part of Secret Manager's client that tells when the latest version was added. */
export interface SecretVersionClient {
  getSecretVersion(request: {
    name: string;
  }): Promise<
    readonly [
      { createTime?: { seconds?: number | string | { toString(): string } | null } | null; state?: unknown },
      ...unknown[],
    ]
  >;
}

/** One line of `sentinel secrets check`. */
export type SecretAge =
  | { readonly name: SecretName; readonly state: 'ok' | 'rotate'; readonly ageDays: number; readonly createdAt: string }
  | { readonly name: SecretName; readonly state: 'missing' | 'unreadable'; readonly reason: string };

const DAY_MS = 86_400_000;

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

/**
 * The age of the latest version of each secret (never its value: only metadata is read, which needs
 * `secretmanager.versions.get`, i.e. roles/secretmanager.viewer or accessor). Older than `ROTATION_DAYS` → `rotate`.
 */
export async function secretAges(
  client: SecretVersionClient,
  projectId: string,
  now: Date,
  names: readonly SecretName[] = SECRET_NAMES,
): Promise<SecretAge[]> {
  return Promise.all(
    names.map(async (name): Promise<SecretAge> => {
      try {
        const [version] = await client.getSecretVersion({ name: `projects/${projectId}/secrets/${name}/versions/latest` });
        const seconds = Number(String(version.createTime?.seconds ?? Number.NaN));
        if (!Number.isFinite(seconds)) return { name, state: 'unreadable', reason: 'the version has no create time' };
        const created = new Date(seconds * 1000);
        const ageDays = Math.floor((now.getTime() - created.getTime()) / DAY_MS);
        return { name, state: ageDays > ROTATION_DAYS ? 'rotate' : 'ok', ageDays, createdAt: created.toISOString() };
      } catch (error) {
        const code = codeOf(error);
        if (code === 5) return { name, state: 'missing', reason: 'no version in Secret Manager' };
        return {
          name,
          state: 'unreadable',
          reason: `Secret Manager answered ${typeof code === 'number' ? `gRPC code ${code}` : 'an error'}`,
        };
      }
    }),
  );
}
