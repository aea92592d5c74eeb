import type { DeadLetterStore } from '../../shared/store/store.port.js';
import { nowAfter } from '../functions/persist-state/signal-factory.js';
import { deadLetter } from './store-fixtures.js';
import type { WithStore } from './with-store.js';

/** Dead letters: one per id, listed newest first. */
export function registerDeadLetterStoreContract(withStore: WithStore<DeadLetterStore>): void {
  withStore('lists dead letters newest first and keeps one per id', async (t, store) => {
    t.is(await store.recordDeadLetter(deadLetter('dl-1', nowAfter(0))), 'recorded');
    t.is(await store.recordDeadLetter(deadLetter('dl-3', nowAfter(2))), 'recorded');
    t.is(await store.recordDeadLetter(deadLetter('dl-2', nowAfter(1))), 'recorded');
    t.is(await store.recordDeadLetter(deadLetter('dl-1', nowAfter(3))), 'exists');
    t.deepEqual(
      (await store.listDeadLetters(10)).map((letter) => letter.id),
      ['dl-3', 'dl-2', 'dl-1'],
    );
    t.deepEqual(await store.listDeadLetters(1), [deadLetter('dl-3', nowAfter(2))]);
  });
}
