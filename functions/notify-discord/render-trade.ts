import type { TradeEvent } from '../../shared/messages/trade-events.js';
import { fitToLimits } from './discord/limits.js';
import { routeFor } from './discord/routes.js';
import type { MessageAudience, Route } from './discord/routes.js';
import { TYPE_COLOURS } from './embeds/colours.js';
import type { Notification } from './notification-sink.port.js';
import type { RenderOptions } from './render-notification.js';
import { USERNAME } from './render-notification.js';
import { usd } from './text-parts.js';

/** Skips go to the shadow route, broker anomalies to the system route, fills and closes follow the asset class. */
export function tradeAudience(event: TradeEvent): MessageAudience {
  if (event.type === 'trade.skipped') return { kind: 'shadow' };
  if (event.type === 'trade.lost' || event.type === 'position.orphan' || event.type === 'position.zombie')
    return { kind: 'system' };
  return { kind: 'signal', assetClass: event.assetClass };
}

export function routeOfTradeEvent(event: TradeEvent, testMode: boolean): Route {
  return routeFor(tradeAudience(event), testMode);
}

const figuresText = (figures: Readonly<Record<string, number | string | boolean>>) =>
  Object.entries(figures)
    .map(([key, value]) => `${key}: ${typeof value === 'number' ? Number(value.toFixed(6)) : String(value)}`)
    .join(' · ') || '—';

/** Title and lines of a trade event (pure). */
function body(event: TradeEvent, label: string): { title: string; lines: string[] } {
  const where = `${event.symbol}${event.mode === 'simulated' ? ' (simulated)' : ' (paper)'}`;
  switch (event.type) {
    case 'trade.submitted':
      return {
        title: `📨 ${label}Order ${event.side} ${event.qty} ${where}`,
        lines: [
          `${event.orderType} · leg ${event.leg} · ${event.action}`,
          ...(event.limitPrice === undefined ? [] : [`Limit ${usd(event.limitPrice)}`]),
          ...(event.stopPrice === undefined ? [] : [`Stop ${usd(event.stopPrice)}`]),
          `Client order id ${event.clientOrderId}`,
        ],
      };
    case 'trade.filled':
      return {
        title: `✅ ${label}${event.partial ? 'Partly filled' : 'Filled'}: ${event.side} ${event.qty} ${where} at ${usd(event.price)}`,
        lines: [
          `leg ${event.leg} · ${event.action} · fees ${usd(event.fees)}`,
          ...(event.plannedPrice === undefined ? [] : [`Plan ${usd(event.plannedPrice)} · slippage ${usd(event.slippage ?? 0)}`]),
        ],
      };
    case 'trade.skipped':
      return { title: `⏭️ ${label}No order for ${where}: ${event.gate}`, lines: [event.reason, figuresText(event.figures)] };
    case 'trade.closed':
      return {
        title: `🏁 ${label}Position closed ${where}: ${event.reason}`,
        lines: [`P&L ${usd(event.realizedPnl)} after fees ${usd(event.fees)}`, `Quantity ${event.qty}`],
      };
    case 'trade.fee':
      return {
        title: `💸 ${label}Fee taken in the coin ${where}: ${event.qty} at ${usd(event.price)}`,
        lines: [`Fee ${usd(event.fees)} · P&L ${usd(event.realizedPnl)} after fees`],
      };
    case 'trade.lost':
      return {
        title: `❓ ${label}Order lost ${where}`,
        lines: [`The broker does not know ${event.clientOrderId} after ${event.looks} looks`],
      };
    case 'position.orphan':
      return {
        title: `⚠️ ${label}Orphan position ${event.brokerSymbol}`,
        lines: [`${event.qty} held at the broker with no open signal: reported, never traded`],
      };
    case 'position.zombie':
      return {
        title: `🧟 ${label}Position gone at the broker ${where}`,
        lines: [`Our record of ${event.qty} was closed`, event.evidence],
      };
  }
}

/** A trade event as a notification: plain text and one embed within Discord's limits, on its route. */
export function renderTradeNotification(event: TradeEvent, options: RenderOptions): Notification {
  const label = options.testMode ? '[TEST] ' : '';
  const { title, lines } = body(event, label);
  return {
    eventId: event.eventId,
    type: event.type,
    symbol: event.symbol,
    title,
    text: [title, ...lines].join('\n'),
    route: routeOfTradeEvent(event, options.testMode),
    payload: fitToLimits({
      username: USERNAME,
      embeds: [{ title, description: lines.join('\n'), color: TYPE_COLOURS[event.type], timestamp: event.occurredAt }],
      allowed_mentions: { parse: [] },
    }),
    files: [],
    threadName: title.slice(0, 100),
  };
}
