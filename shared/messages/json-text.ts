const fragments = new WeakMap<object, string>();

/**
 * `JSON.stringify(value)`, byte for byte, except that the JSON of a frozen object inside a top-level array
 * is kept: a bar the replay serves in hundreds of overlapping windows is serialised once. Frozen records must
 * hold only primitives (a bar does), since freezing is shallow.
 */
export function jsonOf(value: unknown): string {
  if (!isPlainRecord(value)) return JSON.stringify(value);
  const parts: string[] = [];
  for (const [key, field] of Object.entries(value)) {
    const json = Array.isArray(field) ? arrayJson(field) : JSON.stringify(field);
    if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof Reflect.get(value, 'toJSON') !== 'function';
}

function arrayJson(items: readonly unknown[]): string {
  const parts = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) parts[i] = elementJson(items[i]);
  return `[${parts.join(',')}]`;
}

function elementJson(item: unknown): string {
  if (typeof item !== 'object' || item === null || !Object.isFrozen(item)) return JSON.stringify(item) ?? 'null';
  let json = fragments.get(item);
  if (json === undefined) {
    json = JSON.stringify(item) ?? 'null';
    fragments.set(item, json);
  }
  return json;
}
