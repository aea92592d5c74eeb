import { SecretLoadError } from '../errors/errors.js';
import type { SecretName } from './secret-names.js';
import type { SecretSource } from './secret-source.port.js';

/** The part of `@google-cloud/secret-manager`'s `SecretManagerServiceClient` we use. */
export interface SecretManagerClient {
  accessSecretVersion(request: {
    name: string;
  }): Promise<readonly [{ payload?: { data?: Uint8Array | string | null } | null }, ...unknown[]]>;
}

const GRPC_NOT_FOUND = 5;
const GRPC_STATUS = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

/** Names a failure by its code only: a client's free text could quote anything, a secret included. */
function describeFailure(error: unknown): string {
  const code = errorCode(error);
  if (typeof code === 'number') return `gRPC code ${code} ${GRPC_STATUS[code] ?? 'UNKNOWN'}`;
  if (typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code)) return `error code ${code}`;
  return `an error of type ${error instanceof Error ? error.name : typeof error}`;
}

function decode(data: Uint8Array | string | null | undefined): string | undefined {
  const text = typeof data === 'string' ? data : data ? new TextDecoder().decode(data) : '';
  return text.trim() || undefined;
}

/** The resource name of the latest version of a secret. */
export function secretVersionName(projectId: string, name: string): string {
  return `projects/${projectId}/secrets/${name}/versions/latest`;
}

/**
 * Secrets from Google Secret Manager (latest version). A missing secret (NOT_FOUND) is undefined;
 * any other failure throws `SecretLoadError` naming the secret and the gRPC code. Values are trimmed
 * (`echo value | gcloud secrets create` stores a trailing newline).
 */
export class SecretManagerSource implements SecretSource {
  readonly #client: SecretManagerClient;
  readonly #projectId: string;

  constructor(options: { client: SecretManagerClient; projectId: string }) {
    this.#client = options.client;
    this.#projectId = options.projectId;
  }

  async get(name: SecretName): Promise<string | undefined> {
    const path = secretVersionName(this.#projectId, name);
    try {
      const [version] = await this.#client.accessSecretVersion({ name: path });
      return decode(version.payload?.data);
    } catch (error) {
      if (errorCode(error) === GRPC_NOT_FOUND) return undefined;
      throw new SecretLoadError(name, `Secret Manager ${path} failed with ${describeFailure(error)}`);
    }
  }
}
