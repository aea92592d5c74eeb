/** Lenient readers of an event's JSON: facts take a field when present and tolerate its absence. */
export type JsonRecord = Readonly<Record<string, unknown>>;

export function recordAt(value: unknown, key: string): JsonRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const inner: unknown = Reflect.get(value, key);
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as JsonRecord) : undefined;
}

/** The first of `keys` that holds a finite number, else null. */
export function numberOf(record: JsonRecord | undefined, ...keys: string[]): number | null {
  for (const key of keys) {
    const value = record?.[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  }
  return null;
}

/** The first of `keys` that holds a non-empty string, else null. */
export function stringOf(record: JsonRecord | undefined, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = record?.[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/** The first of `keys` that holds a boolean, else null. */
export function booleanOf(record: JsonRecord | undefined, ...keys: string[]): boolean | null {
  for (const key of keys) {
    const value = record?.[key];
    if (typeof value === 'boolean') return value;
  }
  return null;
}
