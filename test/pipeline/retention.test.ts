import test from 'ava';
import { openSqliteStore } from '../../shared/store/sqlite-store.js';
import { countByType, openHarness, replay, tempDir } from './harness.js';

const dir = tempDir();
test.after.always(() => dir.remove());

const RANGE = {
  symbols: ['BTC/USD', 'ETH/USD', 'SPY'],
  from: new Date('2018-01-01T00:00:00Z'),
  to: new Date('2019-12-31T00:00:00Z'),
} as const;
const DAY_MS = 86_400_000;

test('a replay of a period after its signals expired recreates them but posts nothing twice (delivery keys outlive signals)', async (t) => {
  const path = `${dir.path}/retention.db`;
  const first = openHarness({ path });
  await replay(first.bus, RANGE);
  await first.close();
  const sent = first.sink.sends.size;
  t.true(sent > 5, 'the first run posted');
  const ended = countByType(first.observed.events);
  t.true((ended['signal.stopped'] ?? 0) + (ended['signal.expired'] ?? 0) + (ended['signal.tp1'] ?? 0) > 0, 'some signals ended');

  // Thirty-one days later by the wall clock: the terminal signals are gone; history was replayed years after its asOf,
  // so nothing expired at write time.
  const store = openSqliteStore({ path, environment: 'dev' });
  const open = (await store.listSignals()).filter((s) => ['WAITING', 'ACTIVE', 'TP1_HIT', 'TP2_HIT'].includes(s.status)).length;
  t.is(await store.deleteExpired(new Date().toISOString()), 0, 'a replayed period is not written already expired');
  const deleted = await store.deleteExpired(new Date(Date.now() + 31 * DAY_MS).toISOString());
  t.true(deleted > 0);
  t.is((await store.listSignals()).length, open, 'only open signals remain');
  await store.close();

  const second = openHarness({ path });
  await replay(second.bus, RANGE);
  await second.close();
  t.true(second.observed.events.size > 0, 'the expired signals were created again and their events published');
  t.is(second.sink.sends.size, 0, 'and not one of them was posted again');
});
