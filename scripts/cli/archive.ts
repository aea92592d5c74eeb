import { backfillFacts } from '../../shared/analytics/backfill.js';
import { FACT_TABLE_NAMES } from '../../shared/analytics/fact-tables.js';
import { warehouseFromConfig } from '../../shared/analytics/warehouse-from-config.js';
import { UsageError } from '../replay/cli-options.js';
import { openConfiguredStore } from './configured-store.js';
import type { Command } from './io.js';
import { parseCommandArgs } from './parse.js';

/** Rows per append: BigQuery takes at most 50,000 rows (10 MB) per insertAll; this stays far below. */
const CHUNK = 500;

/**
 * `archive --backfill`: the facts of every signal already in the store (decided before archiving existed) into the
 * configured warehouse, with the live events' ids, so it can run any number of times.
 */
export const archive: Command = async (argv, io) => {
  const { values } = parseCommandArgs('archive', {
    args: [...argv],
    options: {
      backfill: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (!values.backfill) throw new UsageError('archive: say what to archive (--backfill)');
  const { config, store, where } = openConfiguredStore();
  const warehouse = warehouseFromConfig(config);
  try {
    const signals = await store.listSignals();
    const batch = backfillFacts(signals, new Date().toISOString());
    let rows = 0;
    for (const table of FACT_TABLE_NAMES) {
      const all = batch[table] ?? [];
      for (let i = 0; i < all.length; i += CHUNK) await warehouse.append({ [table]: all.slice(i, i + CHUNK) });
      rows += all.length;
    }
    const target =
      config.warehouse.kind === 'bigquery' ? `BigQuery dataset ${config.warehouse.bigqueryDataset}` : 'the local DuckDB file';
    io.out.write(
      `${signals.length} signals from ${where}: ${rows} facts offered to ${target} (rows already there are kept once)\n`,
    );
    return 0;
  } finally {
    await warehouse.close();
    await store.close();
  }
};
