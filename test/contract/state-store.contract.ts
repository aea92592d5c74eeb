import type { StateStore } from '../../shared/store/store.port.js';
import { registerBarLedgerContract } from './bar-ledger.contract.js';
import { registerDeadLetterStoreContract } from './dead-letter-store.contract.js';
import { registerDeliveryStoreContract } from './delivery-store.contract.js';
import { registerExpiryStoreContract } from './expiry-store.contract.js';
import { registerOutboxStoreContract } from './outbox-store.contract.js';
import { registerSignalStoreContract } from './signal-store.contract.js';
import { withStoreOf } from './with-store.js';

/**
 * Registers the contract suite of every aggregate port on one `StateStore` adapter (SQLite here, Firestore on
 * its emulator). `makeStore` returns a fresh, empty store with the default TTLs; each test closes its own.
 */
export function registerStateStoreContract(name: string, makeStore: () => Promise<StateStore>): void {
  const withStore = withStoreOf(name, makeStore);
  registerSignalStoreContract(withStore);
  registerOutboxStoreContract(withStore);
  registerDeliveryStoreContract(withStore);
  registerDeadLetterStoreContract(withStore);
  registerBarLedgerContract(withStore);
  registerExpiryStoreContract(withStore);
}
