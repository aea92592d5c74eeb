import test from 'ava';
import { countByType, openHarness, outcomeOf, replay, SLICE, tempDir } from './harness.js';
import { startCli } from './cli.js';

const dir = tempDir();
test.after.always(() => dir.remove());

test('a second replay over the same store publishes, sends and creates nothing and changes no signal', async (t) => {
  const path = `${dir.path}/rerun.db`;
  const first = openHarness({ path });
  const firstRun = await replay(first.bus, SLICE);
  const before = await outcomeOf(first, SLICE.symbols);
  await first.close();
  const types = countByType(first.observed.events);
  t.true((types['signal.created'] ?? 0) >= 10 && (types['signal.expired'] ?? 0) >= 3 && (types['signal.rejected'] ?? 0) >= 10);
  t.true((types['signal.tp1'] ?? 0) >= 1 && (types['signal.stopped'] ?? 0) >= 1, 'the first run did work');

  const second = openHarness({ path });
  const result = await replay(second.bus, SLICE);
  const after = await outcomeOf(second, SLICE.symbols);
  await second.close();
  // Every crypto midnight and, apart from them, every SPY session close (16:00 New York).
  t.true(firstRun.steps > 3000, `${firstRun.steps} decision moments`);
  t.is(result.steps, firstRun.steps, 'the second run decided at every moment again');
  t.true(second.bus.stats.published > 1000, 'scans, bars and analyses flowed');
  t.is(second.observed.events.size, 0, 'no event published');
  t.is(second.sink.sends.size, 0, 'no notification sent');
  t.deepEqual(after.signals, before.signals, 'the stored signals are unchanged');
  t.deepEqual(after.deliveries.length, 0);
  t.is(after.pendingOutbox, 0);
  t.is(after.deadLetters, 0);
});

test('npm start twice on one store: the second run reports nothing new; --reset starts from empty', async (t) => {
  const env = { SQLITE_PATH: `${dir.path}/cli/s.db` };
  const args = ['--json', '--symbols', 'BTC/USD', '--from', '2024-01-01'];
  const first = await startCli(args, env);
  t.is(first.code, 0, first.stderr);
  t.true(first.summary.newSignals > 0, 'the first run creates signals');
  t.true(first.summary.notifications > 0);

  const second = await startCli(args, env);
  t.is(second.code, 0, second.stderr);
  t.is(second.summary.newSignals, 0);
  t.is(second.summary.notifications, 0);
  t.deepEqual(second.summary.events, {});
  t.is(second.summary.signals, first.summary.signals, 'the store still holds the first run’s signals');
  t.is(second.summary.bars, first.summary.bars, 'the second run decided the same bars');

  const reset = await startCli([...args, '--reset'], env);
  t.is(reset.code, 0, reset.stderr);
  t.is(reset.summary.newSignals, first.summary.newSignals, 'from empty, every signal is new again');
  t.is(reset.summary.notifications, first.summary.notifications);
  t.deepEqual(reset.summary.events, first.summary.events);
});
