import { InvalidArgumentError } from '../errors/errors.js';

/** Whether a message with these attributes passes a subscription's filter. */
export type AttributeFilter = (attributes: Readonly<Record<string, string>>) => boolean;

type Token =
  | { readonly kind: 'word'; readonly text: string; readonly at: number }
  | { readonly kind: 'string'; readonly text: string; readonly at: number }
  | { readonly kind: 'key'; readonly text: string; readonly at: number }
  | { readonly kind: 'symbol'; readonly text: '(' | ')' | ',' | '=' | '!=' | ':' | '.' | '-'; readonly at: number };

/** Pub/Sub caps a filter at 256 bytes. */
const MAX_FILTER_BYTES = 256;

function refuse(filter: string, reason: string): never {
  throw new InvalidArgumentError('filter', `${reason} in Pub/Sub filter ${JSON.stringify(filter)}`);
}

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === '`') {
      let text = '';
      let j = i + 1;
      for (; j < filter.length && filter[j] !== c; j++) {
        if (filter[j] === '\\' && j + 1 < filter.length) j++;
        text += filter[j];
      }
      if (j >= filter.length) refuse(filter, `unterminated ${c} at ${i}`);
      tokens.push({ kind: c === '"' ? 'string' : 'key', text, at: i });
      i = j + 1;
    } else if (c === '!' && filter[i + 1] === '=') {
      tokens.push({ kind: 'symbol', text: '!=', at: i });
      i += 2;
    } else if ('(),=:.-'.includes(c)) {
      tokens.push({ kind: 'symbol', text: c as '(' | ')' | ',' | '=' | ':' | '.' | '-', at: i });
      i++;
    } else if (/[A-Za-z0-9_]/.test(c)) {
      const word = /^[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*/.exec(filter.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'word', text: word, at: i });
      i += word.length;
    } else {
      refuse(filter, `unexpected ${JSON.stringify(c)} at ${i}`);
    }
  }
  return tokens;
}

/**
 * Compiles a Pub/Sub subscription filter (the attribute subset Pub/Sub accepts: `attributes.k = "v"`, `!=`,
 * `attributes:k`, `hasPrefix(attributes.k, "p")`, `NOT` or `-`, `AND`, `OR`, parentheses; AND and OR are not mixed
 * without parentheses) into a predicate on a message's attributes. What it cannot parse is refused with an
 * `InvalidArgumentError` naming the filter, so the local bus never silently delivers what Pub/Sub would not.
 */
export function compilePubSubFilter(filter: string): AttributeFilter {
  if (Buffer.byteLength(filter) > MAX_FILTER_BYTES) refuse(filter, `more than ${MAX_FILTER_BYTES} bytes`);
  if (filter.trim() === '') return () => true;
  const tokens = tokenize(filter);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const where = (): string => (peek() ? `at ${peek()?.at}` : 'at the end');
  const take = (kind: Token['kind'], text?: string): Token => {
    const token = peek();
    if (!token || token.kind !== kind || (text !== undefined && token.text !== text)) {
      refuse(filter, `expected ${text === undefined ? kind : JSON.stringify(text)} ${where()}`);
    }
    pos++;
    return token;
  };
  const isWord = (text: string): boolean => peek()?.kind === 'word' && peek()?.text === text;
  const isSymbol = (text: string): boolean => peek()?.kind === 'symbol' && peek()?.text === text;

  const attributeKey = (): string => {
    const token = peek();
    if (token && (token.kind === 'word' || token.kind === 'key')) {
      pos++;
      return token.text;
    }
    return refuse(filter, `expected an attribute name ${where()}`);
  };

  const term = (): AttributeFilter => {
    if (isWord('NOT') || isSymbol('-')) {
      pos++;
      const inner = term();
      return (attributes) => !inner(attributes);
    }
    if (isSymbol('(')) {
      pos++;
      const inner = expression();
      take('symbol', ')');
      return inner;
    }
    if (isWord('hasPrefix')) {
      pos++;
      take('symbol', '(');
      take('word', 'attributes');
      take('symbol', '.');
      const key = attributeKey();
      take('symbol', ',');
      const prefix = take('string').text;
      take('symbol', ')');
      return (attributes) => attributes[key]?.startsWith(prefix) ?? false;
    }
    take('word', 'attributes');
    if (isSymbol(':')) {
      pos++;
      const key = attributeKey();
      return (attributes) => Object.hasOwn(attributes, key);
    }
    take('symbol', '.');
    const key = attributeKey();
    if (isSymbol('=') || isSymbol('!=')) {
      const equal = take('symbol').text === '=';
      const value = take('string').text;
      return (attributes) => (attributes[key] === value) === equal;
    }
    return refuse(filter, `expected = or != after attributes.${key} ${where()}`);
  };

  const expression = (): AttributeFilter => {
    const terms = [term()];
    let operator: 'AND' | 'OR' | undefined;
    while (isWord('AND') || isWord('OR')) {
      const next = take('word').text as 'AND' | 'OR';
      if (operator !== undefined && operator !== next) refuse(filter, `AND and OR mixed without parentheses ${where()}`);
      operator = next;
      terms.push(term());
    }
    if (operator === 'OR') return (attributes) => terms.some((predicate) => predicate(attributes));
    return (attributes) => terms.every((predicate) => predicate(attributes));
  };

  const compiled = expression();
  if (pos < tokens.length) refuse(filter, `unexpected ${JSON.stringify(tokens[pos].text)} ${where()}`);
  return compiled;
}
