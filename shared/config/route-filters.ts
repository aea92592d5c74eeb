import { z } from 'zod';
import { quoted } from './env-values.js';

/** The Discord routes a filter can name (functions/notify-discord/discord/routes.ts; a test keeps them equal). */
export const FILTER_ROUTES = ['test', 'crypto', 'stock', 'shadow', 'system'] as const;
export type FilterRoute = (typeof FILTER_ROUTES)[number];

export const CONVICTIONS = ['STANDARD', 'HIGH'] as const;
export type Conviction = (typeof CONVICTIONS)[number];

/** What one route lets through; an absent part lets everything through. */
export interface RouteFilter {
  /** Signals below this conviction are not posted (HIGH: only HIGH). */
  readonly minConviction?: Conviction;
  /** Only these event types (`signal.created`, `signal.tp1`, …). */
  readonly types?: readonly string[];
  /** Only these asset classes. */
  readonly assetClasses?: readonly ('CRYPTO' | 'EQUITY')[];
}

export type RouteFilters = Readonly<Partial<Record<FilterRoute, RouteFilter>>>;

const TYPE = /^(signal|trade|position)\.[a-z0-9-]+$/;

function parseFilter(spec: string): RouteFilter | string {
  const filter: { minConviction?: Conviction; types?: string[]; assetClasses?: ('CRYPTO' | 'EQUITY')[] } = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [key, value = ''] = part.split('=').map((p) => p.trim());
    const values = value
      .split('|')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (key === 'conviction') {
      const conviction = value.toUpperCase();
      if (!(CONVICTIONS as readonly string[]).includes(conviction))
        return `conviction must be STANDARD or HIGH, got ${quoted(value)}`;
      filter.minConviction = conviction as Conviction;
    } else if (key === 'types') {
      const bad = values.find((v) => !TYPE.test(v));
      if (bad !== undefined || values.length === 0)
        return `types must be event types such as signal.created|signal.tp1, got ${quoted(value)}`;
      filter.types = values;
    } else if (key === 'assets') {
      const upper = values.map((v) => v.toUpperCase());
      if (upper.length === 0 || upper.some((v) => v !== 'CRYPTO' && v !== 'EQUITY'))
        return `assets must be CRYPTO and/or EQUITY, got ${quoted(value)}`;
      filter.assetClasses = upper as ('CRYPTO' | 'EQUITY')[];
    } else {
      return `unknown filter ${quoted(key ?? '')} (conviction, types or assets)`;
    }
  }
  return filter;
}

/**
 * `route:key=value,key=v1|v2;route:…`, e.g. `crypto:conviction=HIGH,types=signal.created|signal.tp1;stock:assets=EQUITY`:
 * what each Discord route lets through (applied by notifyDiscord, since conviction is no message attribute).
 */
export function routeFiltersVar() {
  return z.string().transform((value, ctx): RouteFilters => {
    const filters: Partial<Record<FilterRoute, RouteFilter>> = {};
    for (const entry of value
      .split(';')
      .map((e) => e.trim())
      .filter((e) => e !== '')) {
      const colon = entry.indexOf(':');
      const route = (colon < 0 ? entry : entry.slice(0, colon)).trim().toLowerCase();
      if (!(FILTER_ROUTES as readonly string[]).includes(route)) {
        ctx.addIssue({ code: 'custom', message: `must name routes (${FILTER_ROUTES.join(', ')}), got ${quoted(route)}` });
        return z.NEVER;
      }
      const filter = parseFilter(colon < 0 ? '' : entry.slice(colon + 1));
      if (typeof filter === 'string') {
        ctx.addIssue({ code: 'custom', message: `route ${route}: ${filter}` });
        return z.NEVER;
      }
      filters[route as FilterRoute] = filter;
    }
    return filters;
  });
}
