import { v5 as uuidv5 } from 'uuid';
import { ID_NAMESPACE } from '../domain/ids.js';
import { redact } from '../log/redact.js';
import { redactText } from '../log/redact-text.js';
import type { TradeStore } from '../store/trade-store.port.js';
import type { Broker } from './broker.port.js';
import { signalIdOfClientOrderId } from './client-order-id.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A value as JSON the journal can hold: redacted (credentials masked), dates as text, undefined dropped. */
function asJson(value: unknown): Json {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(redact(value)) ?? 'null') as Json;
}

/**
 * Every request to the broker and its answer (or error), redacted, appended to the trade journal: the audit trail
 * of executions. Read-only calls (account, order look-ups, positions; not the cached asset list) are journaled too,
 * so one sees what each decision was based on. Entry ids come from the operation, its subject, the time and a
 * counter, so two calls never collide.
 */
export function journaled(broker: Broker, journal: Pick<TradeStore, 'appendJournal'>, now: () => Date): Broker {
  let counter = 0;
  const record = async <T>(
    operation: string,
    subject: string | null,
    request: unknown,
    run: () => Promise<T>,
    subjectOf: (response: T) => string | null = () => subject,
  ): Promise<T> => {
    const at = now().toISOString();
    const id = uuidv5(
      `${broker.mode}|${operation}|${subject ?? ''}|${at}|${process.pid}|${counter++}|${Math.random()}`,
      ID_NAMESPACE,
    );
    const base = {
      schemaVersion: 1 as const,
      id,
      at,
      mode: broker.mode,
      operation,
      signalId: subject === null ? null : (signalIdOfClientOrderId(subject) ?? null),
      clientOrderId: subject,
      request: asJson(request),
    };
    try {
      const response = await run();
      const about = subjectOf(response);
      const signalId = about === null ? null : (signalIdOfClientOrderId(about) ?? null);
      await journal.appendJournal({ ...base, signalId, clientOrderId: about, response: asJson(response), error: null });
      return response;
    } catch (error) {
      await journal.appendJournal({
        ...base,
        response: null,
        error: redactText(error instanceof Error ? error.message : String(error)).slice(0, 1000),
      });
      throw error;
    }
  };
  return {
    mode: broker.mode,
    account: (asOf) => record('account', null, asOf === undefined ? {} : { asOf }, () => broker.account(asOf)),
    asset: (symbol) => broker.asset(symbol),
    submit: (request) => record('submit', request.clientOrderId, request, () => broker.submit(request)),
    orderByClientId: (id) => record('order-by-client-id', id, { clientOrderId: id }, () => broker.orderByClientId(id)),
    // A look-up by broker id is journaled under the order it found: a fill reconcile records is in the audit trail.
    order: (id) =>
      record(
        'order',
        null,
        { orderId: id },
        () => broker.order(id),
        (order) => order?.clientOrderId || null,
      ),
    openOrders: () => record('open-orders', null, {}, () => broker.openOrders()),
    replace: (id, changes, reference) =>
      record('replace', null, { orderId: id, ...changes }, () => broker.replace(id, changes, reference)),
    cancel: (id) => record('cancel', null, { orderId: id }, () => broker.cancel(id)),
    positions: () => record('positions', null, {}, () => broker.positions()),
    closePosition: (symbol, qty, reference) =>
      record('close-position', null, { symbol, qty }, () => broker.closePosition(symbol, qty, reference)),
    cryptoFees: (after) => record('crypto-fees', null, { activityTypes: 'CFEE', after }, () => broker.cryptoFees(after)),
  };
}
