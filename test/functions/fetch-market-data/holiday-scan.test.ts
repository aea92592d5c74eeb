import test from 'ava';
import { replayThroughPipeline } from '../../../scripts/replay/pipeline-replay.js';
import { openHarness } from '../../pipeline/harness.js';

async function scanSpy(asOf: string): Promise<string[]> {
  const harness = openHarness({});
  try {
    await replayThroughPipeline(harness.bus, '1Day', [{ asOf: new Date(asOf), symbols: ['SPY'] }]);
    return harness.logs;
  } finally {
    await harness.close();
  }
}

test('the equity scan on a holiday finds no new bar and says so', async (t) => {
  const logs = await scanSpy('2019-12-25T21:15:00Z');
  t.true(
    logs.some((line) =>
      line.includes('SPY: no US equity session on 2019-12-25 (Christmas Day): no new bar, the last closed one is of 2019-12-24'),
    ),
    logs.join(''),
  );
});

test('the equity scan after a trading session says nothing of the kind', async (t) => {
  const logs = await scanSpy('2019-12-24T18:15:00Z');
  t.false(logs.some((line) => line.includes('no US equity session')));
});
