import { registeredSecrets } from './secret-registry.js';

/** What every masked value becomes. */
export const REDACTED = '[REDACTED]';

/** Longer strings are cut after redaction, so one huge payload cannot flood a log line. */
export const MAX_STRING_LENGTH = 8_000;

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Discord webhook token, path form: …/api[/vN]/webhooks/<id>/<token>; the id stays for debugging.
  [/(\b(?:(?:canary|ptb)\.)?discord(?:app)?\.com\/api(?:\/v\d+)?\/webhooks\/\d+\/)[^/?#\s"'<>\\]+/gi, `$1${REDACTED}`],
  // Alpaca key headers in text: raw HTTP (`APCA-API-SECRET-KEY: x`), JSON (`"apca-api-key-id":"x"`), `k=v`.
  [/(apca-api-(?:key-id|secret-key)["']?\s*[:=]\s*["']?)[^\s"',;}&\\]+/gi, `$1${REDACTED}`],
  // Authorization header in text, whatever the scheme (Bearer, Bot, Basic, none).
  [/(authorization["']?\s*[:=]\s*["']?(?:(?:bearer|bot|basic|token)\s+)?)[^\s"',;}&\\]+/gi, `$1${REDACTED}`],
  [/(\bbearer\s+)[\w\-.~+/]+=*/gi, `$1${REDACTED}`],
  // Query or form parameters whose name ends in key, secret, token or password (api_key, access_token…).
  // Bounded name length keeps the scan linear on long hyphenated text.
  [/([\w-]{0,40}(?:key|secret|token|password)=)[^&\s"'#<>\\]+/gi, `$1${REDACTED}`],
  // JSON text with a secret-named key, e.g. a response body kept as a string.
  [/("[\w-]{0,40}(?:secret|token|password|api_?key|webhook_?url)"\s*:\s*")(?:[^"\\]|\\.)*"/gi, `$1${REDACTED}"`],
];

const SENSITIVE_KEY = /authorization|apca-api-|password|secret|token|api_?key|webhook_?url|_webhook|cookie/i;

/** True for an object key whose value is a credential by its name alone (`DISCORD_WEBHOOK_URL`, `apiKey`…). */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

let cachedKey = '';
let cachedRegex: RegExp | undefined;

/** One alternation of every registered value (and its URL-encoded form), longest first; rebuilt only when the registry changes. */
function secretsRegex(): RegExp | undefined {
  const values = registeredSecrets();
  const key = values.join('\u0000');
  if (key === cachedKey) return cachedRegex;
  const source = values
    .flatMap((value) => {
      const encoded = encodeURIComponent(value);
      return encoded === value ? [value] : [encoded, value];
    })
    .sort((a, b) => b.length - a.length)
    .map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
  cachedKey = key;
  cachedRegex = source === '' ? undefined : new RegExp(source, 'g');
  return cachedRegex;
}

/** Masks every registered secret value in `text` (used on whole serialized lines as a last guard). */
export function redactSecretValues(text: string): string {
  const regex = secretsRegex();
  return regex === undefined ? text : text.replace(regex, REDACTED);
}

// Every pattern needs one of these; most log strings (ids, symbols, messages) have none and skip the pattern pass.
const MAY_MATCH_PATTERN = /[=:]|discord|bearer/i;

/** A string redactor bound to the secrets registered now, so one `redact` call reads the registry once. */
export function textRedactor(): (text: string) => string {
  const secrets = secretsRegex();
  return (text) => {
    // Cut far beyond the final cap first, so the regexes stay cheap and nothing they could reveal survives the second cut.
    let out = text.length > MAX_STRING_LENGTH * 4 ? text.slice(0, MAX_STRING_LENGTH * 4) : text;
    if (secrets !== undefined) out = out.replace(secrets, REDACTED);
    if (MAY_MATCH_PATTERN.test(out)) {
      for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    }
    return out.length > MAX_STRING_LENGTH ? `${out.slice(0, MAX_STRING_LENGTH)}…[truncated from ${text.length} chars]` : out;
  };
}

/** Masks registered secrets and known credential patterns in one string, then caps its length. */
export function redactText(text: string): string {
  return textRedactor()(text);
}
