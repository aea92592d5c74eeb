import { z } from 'zod';

/**
 * Builders that turn one environment string into a typed value. Each failure message says what
 * the variable must be and quotes what it got (load-config hides the quote when it is a secret).
 */

/** Quotes a received value for an error message, cut short so a pasted blob stays readable. */
export function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

function fail(ctx: z.core.$RefinementCtx<string>, expected: string, value: string): never {
  ctx.addIssue({ code: 'custom', message: `must be ${expected}, got ${quoted(value)}` });
  return z.NEVER;
}

/** `true/false/1/0`, any case, and nothing else (no `yes`, no `on`: a typo must not flip a switch). */
export function booleanVar() {
  return z.string().transform((value, ctx) => {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    return fail(ctx, 'true, false, 1 or 0', value);
  });
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite decimal number (no hex, no `Infinity`) within `[min, max]`, optionally an integer. */
export function numberVar(range: { min: number; max: number; integer?: boolean }) {
  const kind = range.integer ? 'an integer' : 'a number';
  const expected = `${kind} between ${range.min} and ${range.max}`;
  return z.string().transform((value, ctx) => {
    const n = DECIMAL.test(value) ? Number(value) : Number.NaN;
    const ok = Number.isFinite(n) && n >= range.min && n <= range.max && (!range.integer || Number.isInteger(n));
    return ok ? n : fail(ctx, expected, value);
  });
}

/** One of `values`, matched case-insensitively and returned in its canonical spelling. */
export function enumVar<const T extends readonly [string, ...string[]]>(values: T) {
  return z.string().transform((value, ctx): T[number] => {
    const found = values.find((v) => v.toLowerCase() === value.toLowerCase());
    return found ?? fail(ctx, `one of ${values.join(', ')}`, value);
  });
}

/** A comma-separated list; items are trimmed, normalised, checked one by one and deduplicated. */
export function csvVar(item: { pattern: RegExp; label: string; normalise: (s: string) => string }) {
  return z.string().transform((value, ctx) => {
    const raw = value.split(',').map((s) => s.trim());
    const bad = raw.find((s) => !item.pattern.test(item.normalise(s)));
    if (bad !== undefined) return fail(ctx, `a comma-separated list of ${item.label} (bad item ${quoted(bad)})`, value);
    return [...new Set(raw.map(item.normalise))];
  });
}

/** An absolute http(s) URL without credentials; returned without a trailing slash. */
export function urlVar() {
  return z.string().transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return fail(ctx, 'an absolute http(s) URL', value);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail(ctx, 'an absolute http(s) URL', value);
    if (url.username || url.password) return fail(ctx, 'a URL without user or password', value);
    return url.href.replace(/\/+$/, '');
  });
}

/** A string matching `pattern`, described by `label` in the error. */
export function patternVar(pattern: RegExp, label: string) {
  return z.string().transform((value, ctx) => (pattern.test(value) ? value : fail(ctx, label, value)));
}

/** `host:port` as the Google emulators expect it in `*_EMULATOR_HOST`. */
export function hostPortVar() {
  return patternVar(/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/, 'host:port (e.g. 127.0.0.1:8085)');
}
