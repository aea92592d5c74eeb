import type { Throttle } from '../shared/throttle/throttle.js';
import type { Config } from '../shared/config/index.js';
import type { PauseFlag } from '../shared/control/pause-flag.js';
import type { MarketDataSource } from '../shared/market-data/market-data-source.port.js';
import type { PushEventLike } from '../shared/messages/envelope.js';
import type { HandlerContext } from '../shared/runtime/push-handler.js';
import type { Secrets } from '../shared/secrets/index.js';
import type { StateStore } from '../shared/store/store.port.js';
import type { NotificationSink } from './notify-discord/notification-sink.port.js';

/** A deployed function's handler: resolves to ack, throws to nack. */
export type FunctionHandler = (event: PushEventLike) => Promise<void>;

/**
 * What a function's `build(deps)` (its `wiring.ts`) is given: the instance's context and adapters. The deployed
 * instance (functions/instance-deps.ts) and the local pipeline (scripts/pipeline/local-pipeline.ts) each make one.
 * Adapters are built on first use, so a function only opens what it touches.
 */
export interface FunctionDeps extends HandlerContext {
  readonly config: Config;
  /** The secrets the function's topology row lists. */
  secrets(): Promise<Secrets>;
  store(): StateStore;
  marketSource(): MarketDataSource;
  /** The one throttle in front of every Alpaca call of the instance (market data and trading); a fresh one when absent. */
  alpacaThrottle?(): Throttle;
  /** Where notifications go, as `chooseNotificationSink` decided for this runtime. */
  notificationSink(): Promise<NotificationSink>;
  /** The kill switch beside the store (`sentinel pause`); absent where nothing can set it. */
  pauseFlag?(): PauseFlag;
}

/** Whether the kill switch is set now (false where the deps have none). */
export function pausedReader(deps: Pick<FunctionDeps, 'pauseFlag'>): (() => Promise<boolean>) | undefined {
  const flag = deps.pauseFlag;
  return flag === undefined ? undefined : async () => (await flag().get()).paused;
}

/** The part of the deps every push handler takes. */
export function handlerContext(deps: FunctionDeps): HandlerContext {
  const { bus, log, now, maxEventAgeMs, fault } = deps;
  return { bus, log, now, maxEventAgeMs, ...(fault ? { fault } : {}) };
}
