/** A set of environment variables, as `process.env` holds them. */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

/**
 * The process environment. This is the only place that touches `process.env` (STYLE habit 4):
 * everything else receives the parsed `Config`, or this record from the config or secrets loaders.
 */
export function processEnvironment(): EnvRecord {
  return process.env;
}

/** Overlays `over` on `base`, ignoring empty values of `over` (an empty variable counts as unset). */
export function overlayEnv(base: EnvRecord, over: EnvRecord): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...base };
  for (const [name, value] of Object.entries(over)) {
    if (value !== undefined && value.trim() !== '') merged[name] = value;
  }
  return merged;
}
