/**
 * Every secret value loaded by this process. The logger masks each of them wherever it appears;
 * the secrets loader registers a value the moment it is read, before anything can log it.
 */
const secrets = new Set<string>();

/** Shorter values would mask ordinary words and numbers; no real credential is this short. */
export const MIN_SECRET_LENGTH = 6;

/** Registers a secret value for redaction (values shorter than `MIN_SECRET_LENGTH` are ignored). */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

/** The registered values, longest first, so a secret containing another is masked whole. */
export function registeredSecrets(): string[] {
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** Forgets every registered value (tests only). */
export function clearRegisteredSecrets(): void {
  secrets.clear();
}
