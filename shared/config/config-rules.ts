import type { ConfigIssue } from '../errors/errors.js';
import { storeKind } from './build-config.js';
import type { ConfigEnv } from './config.schema.js';
import { egressIssues } from './egress-rules.js';

/**
 * Rules that involve more than one variable. Each returns a reason naming the variables to change;
 * they run once every variable has parsed on its own.
 */
export function crossFieldIssues(env: ConfigEnv): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const onCloud = env.K_SERVICE !== undefined;
  if (!env.ALPACA_PAPER_TRADING) {
    issues.push({
      variable: 'ALPACA_PAPER_TRADING',
      reason:
        env.ALLOW_LIVE_MONEY === 'I_UNDERSTAND'
          ? 'false is refused even with ALLOW_LIVE_MONEY=I_UNDERSTAND: live-money trading is not implemented in this codebase; set ALPACA_PAPER_TRADING=true'
          : 'false (live money) is refused; set ALPACA_PAPER_TRADING=true (paper only), live money needs ALLOW_LIVE_MONEY=I_UNDERSTAND and is not implemented',
    });
  }
  issues.push(...egressIssues(env));
  if (env.ENVIRONMENT === 'prod' && env.GOOGLE_CLOUD_PROJECT === undefined) {
    issues.push({ variable: 'GOOGLE_CLOUD_PROJECT', reason: 'is required when ENVIRONMENT=prod' });
  }
  if (env.ENVIRONMENT === 'prod' && env.DISABLE_SECRET_MANAGER === true) {
    issues.push({
      variable: 'DISABLE_SECRET_MANAGER',
      reason:
        'true is refused when ENVIRONMENT=prod: production reads every secret from Secret Manager (a command line through Application Default Credentials: gcloud auth application-default login); use ENVIRONMENT=dev on a machine without Google Cloud',
    });
  }
  if (env.DISABLE_SECRET_MANAGER === false && env.GOOGLE_CLOUD_PROJECT === undefined) {
    issues.push({
      variable: 'GOOGLE_CLOUD_PROJECT',
      reason: 'is required when Secret Manager is used (DISABLE_SECRET_MANAGER=false)',
    });
  } else if (env.DISABLE_SECRET_MANAGER === undefined && onCloud && env.GOOGLE_CLOUD_PROJECT === undefined) {
    issues.push({
      variable: 'GOOGLE_CLOUD_PROJECT',
      reason: 'is required on Cloud Functions, where secrets come from Secret Manager',
    });
  }
  if (env.ENVIRONMENT === 'prod' && onCloud) {
    // A deployed prod function talks to Google Cloud only: an emulator host would also switch the warehouse to DuckDB.
    for (const variable of ['PUBSUB_EMULATOR_HOST', 'FIRESTORE_EMULATOR_HOST'] as const)
      if (env[variable] !== undefined)
        issues.push({ variable, reason: 'is refused on Cloud Functions when ENVIRONMENT=prod: production uses Google Cloud' });
  }
  if (env.SENTINEL_FAULT !== undefined && env.ENVIRONMENT === 'prod') {
    issues.push({ variable: 'SENTINEL_FAULT', reason: 'is a test-only failure injection and is refused when ENVIRONMENT=prod' });
  }
  const store = storeKind(env);
  if (store === 'firestore' && env.GOOGLE_CLOUD_PROJECT === undefined && env.FIRESTORE_EMULATOR_HOST === undefined) {
    issues.push({ variable: 'STORE', reason: 'firestore needs GOOGLE_CLOUD_PROJECT or FIRESTORE_EMULATOR_HOST' });
  }
  if (store === 'sqlite' && onCloud) {
    issues.push({
      variable: 'STORE',
      reason: 'sqlite is refused on Cloud Functions (K_SERVICE is set): each instance has its own temporary disk; use firestore',
    });
  }
  return issues;
}
