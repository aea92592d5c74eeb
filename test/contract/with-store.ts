import test from 'ava';
import type { ExecutionContext } from 'ava';
import type { StateStore } from '../../shared/store/store.port.js';

/** Registers one contract test on a fresh store, seen through the port `P` the suite covers. */
export type WithStore<P> = (title: string, body: (t: ExecutionContext, store: P) => Promise<void>) => void;

/** `WithStore` for an adapter named `name`: `makeStore` returns a fresh, empty store; each test closes its own. */
export function withStoreOf(name: string, makeStore: () => Promise<StateStore>): WithStore<StateStore> {
  return (title, body) =>
    test(`${name}: ${title}`, async (t) => {
      const store = await makeStore();
      t.teardown(() => store.close());
      await body(t, store);
    });
}
