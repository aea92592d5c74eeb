import test from 'ava';
import { costTable, PRICES } from '../../../scripts/bench/scale-cost.js';
import type { DayUsage } from '../../../scripts/bench/scale-cost.js';

const day: DayUsage = {
  functions: {
    // 10 invocations of 0.01 s each bill 10 × 100 ms; one of 0.25 s bills 300 ms.
    fast: { invocations: 10, seconds: Array.from({ length: 10 }, () => 0.01), vcpu: 1, memoryGib: 1 },
    slow: { invocations: 1, seconds: [0.25], vcpu: 1, memoryGib: 1 },
  },
  // A 10-byte message bills 1,000 bytes per request; one 2,000-byte message published and pushed to 3 subscriptions.
  messages: [
    { bytes: 10, deliveries: 1 },
    { bytes: 2000, deliveries: 3 },
  ],
  storeReads: 100_000,
  storeWrites: 200_000,
  schedulerJobs: 4,
  bigqueryRows: 200_000,
};

const line = (service: string) => {
  const found = costTable(day).find((entry) => entry.service === service);
  if (found === undefined) throw new TypeError(`no ${service} line`);
  return found;
};

test('Cloud Run bills each invocation in 100 ms slices of vCPU and memory, plus requests; the free tier covers a small day', (t) => {
  const run = line('Cloud Run functions');
  const billedSeconds = 10 * 0.1 + 0.3;
  const expected =
    billedSeconds * PRICES.run.perVcpuSecond +
    billedSeconds * PRICES.run.perGibSecond +
    (11 / 1e6) * PRICES.run.perMillionRequests;
  t.true(Math.abs(run.perDay - expected) < 1e-12);
  t.true(Math.abs(run.perMonth - expected * 30) < 1e-10);
  t.is(run.perMonthAfterFreeTier, 0);
});

test('Pub/Sub bills at least 1,000 bytes per publish and per push, at $40 a TiB', (t) => {
  const bytes = 1000 * 2 + 2000 * 4;
  t.true(Math.abs(line('Pub/Sub').perDay - (bytes / 2 ** 40) * 40) < 1e-15);
});

test('Firestore, Scheduler and BigQuery streaming follow their list prices and free tiers', (t) => {
  const firestore = line('Firestore');
  t.true(Math.abs(firestore.perDay - (1 * 0.03 + 2 * 0.09)) < 1e-12);
  t.true(Math.abs(firestore.perMonthAfterFreeTier - 30 * (0.5 * 0.03 + 1.8 * 0.09)) < 1e-9);
  t.true(Math.abs(line('Cloud Scheduler').perMonth - 0.4) < 1e-12);
  t.true(Math.abs(line('Cloud Scheduler').perMonthAfterFreeTier - 0.1) < 1e-12);
  t.true(Math.abs(line('BigQuery streaming inserts').perDay - ((200_000 * 1024) / 1e6 / 200) * 0.01) < 1e-12);
  const total = costTable(day).at(-1);
  t.is(total?.service, 'total');
  const sum = costTable(day)
    .slice(0, -1)
    .reduce((acc, entry) => acc + entry.perMonth, 0);
  t.true(Math.abs((total?.perMonth ?? 0) - sum) < 1e-9);
});
