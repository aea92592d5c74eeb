/**
 * Google Cloud list prices (USD, Tier 1 / US regions) the scale bench turns its counts into. Each is quoted, with
 * its source and the date it was read, in docs/scale.md; change both together.
 */
export const PRICES = {
  /** Cloud Run functions (2nd gen) bill as Cloud Run, CPU allocated during requests only, 100 ms granularity. */
  run: { perVcpuSecond: 0.000024, perGibSecond: 0.0000025, perMillionRequests: 0.4 },
  /** Free per billing account and month. */
  runFree: { vcpuSeconds: 180_000, gibSeconds: 360_000, requests: 2_000_000 },
  /** Pub/Sub throughput (publish and every delivery), at least 1,000 bytes per publish or push request. */
  pubsub: { perTib: 40, minBytesPerRequest: 1000, freeGibPerMonth: 10 },
  /** Firestore Standard, US regions, per 100,000 documents. */
  firestore: { per100kReads: 0.03, per100kWrites: 0.09 },
  /** Free per day ((default) database only). */
  firestoreFree: { readsPerDay: 50_000, writesPerDay: 20_000 },
  scheduler: { perJobMonth: 0.1, freeJobs: 3 },
  /** Legacy streaming inserts: per 200 MB, each row counted as at least 1 KB. */
  bigqueryStreaming: { per200Mb: 0.01, minRowBytes: 1024 },
} as const;

/** What one function did in a day: invocations and the seconds each took (before 100 ms rounding). */
export interface FunctionUsage {
  readonly invocations: number;
  readonly seconds: readonly number[];
  /** Cloud Functions gives a 512 MiB function 0.333 vCPU. */
  readonly vcpu: number;
  readonly memoryGib: number;
}

/** What one day of the deployment did, in the units the prices take. */
export interface DayUsage {
  readonly functions: Readonly<Record<string, FunctionUsage>>;
  /** Per message: its bytes, and how many push deliveries it had (one per subscription that takes it). */
  readonly messages: readonly { readonly bytes: number; readonly deliveries: number }[];
  readonly storeReads: number;
  readonly storeWrites: number;
  readonly schedulerJobs: number;
  readonly bigqueryRows: number;
}

/** One line of the cost table: per day and per 30-day month, list price before any free tier, and after it. */
export interface CostLine {
  readonly service: string;
  readonly usage: string;
  readonly perDay: number;
  readonly perMonth: number;
  readonly perMonthAfterFreeTier: number;
}

const TIB = 2 ** 40;
const GIB = 2 ** 30;
const DAYS = 30;

/** The cost table for a deployment doing `day` every day for a month. */
export function costTable(day: DayUsage): CostLine[] {
  const lines: CostLine[] = [];
  let vcpuSeconds = 0;
  let gibSeconds = 0;
  let requests = 0;
  for (const usage of Object.values(day.functions)) {
    const billed = usage.seconds.reduce((sum, s) => sum + Math.max(0.1, Math.ceil(s * 10) / 10), 0);
    vcpuSeconds += billed * usage.vcpu;
    gibSeconds += billed * usage.memoryGib;
    requests += usage.invocations;
  }
  const runDay =
    vcpuSeconds * PRICES.run.perVcpuSecond +
    gibSeconds * PRICES.run.perGibSecond +
    (requests / 1e6) * PRICES.run.perMillionRequests;
  const runMonthAfterFree =
    Math.max(0, vcpuSeconds * DAYS - PRICES.runFree.vcpuSeconds) * PRICES.run.perVcpuSecond +
    Math.max(0, gibSeconds * DAYS - PRICES.runFree.gibSeconds) * PRICES.run.perGibSecond +
    (Math.max(0, requests * DAYS - PRICES.runFree.requests) / 1e6) * PRICES.run.perMillionRequests;
  lines.push({
    service: 'Cloud Run functions',
    usage: `${requests} invocations, ${vcpuSeconds.toFixed(0)} vCPU-s, ${gibSeconds.toFixed(0)} GiB-s`,
    perDay: runDay,
    perMonth: runDay * DAYS,
    perMonthAfterFreeTier: runMonthAfterFree,
  });

  const billedBytes = day.messages.reduce(
    (sum, message) => sum + Math.max(PRICES.pubsub.minBytesPerRequest, message.bytes) * (1 + message.deliveries),
    0,
  );
  const pubsubDay = (billedBytes / TIB) * PRICES.pubsub.perTib;
  lines.push({
    service: 'Pub/Sub',
    usage: `${day.messages.length} messages, ${(billedBytes / 2 ** 20).toFixed(1)} MiB billed (publish + deliveries)`,
    perDay: pubsubDay,
    perMonth: pubsubDay * DAYS,
    perMonthAfterFreeTier: (Math.max(0, billedBytes * DAYS - PRICES.pubsub.freeGibPerMonth * GIB) / TIB) * PRICES.pubsub.perTib,
  });

  const firestoreDay =
    (day.storeReads / 1e5) * PRICES.firestore.per100kReads + (day.storeWrites / 1e5) * PRICES.firestore.per100kWrites;
  const firestoreDayAfterFree =
    (Math.max(0, day.storeReads - PRICES.firestoreFree.readsPerDay) / 1e5) * PRICES.firestore.per100kReads +
    (Math.max(0, day.storeWrites - PRICES.firestoreFree.writesPerDay) / 1e5) * PRICES.firestore.per100kWrites;
  lines.push({
    service: 'Firestore',
    usage: `${day.storeReads} reads, ${day.storeWrites} writes`,
    perDay: firestoreDay,
    perMonth: firestoreDay * DAYS,
    perMonthAfterFreeTier: firestoreDayAfterFree * DAYS,
  });

  const schedulerMonth = day.schedulerJobs * PRICES.scheduler.perJobMonth;
  lines.push({
    service: 'Cloud Scheduler',
    usage: `${day.schedulerJobs} jobs`,
    perDay: schedulerMonth / DAYS,
    perMonth: schedulerMonth,
    perMonthAfterFreeTier: Math.max(0, day.schedulerJobs - PRICES.scheduler.freeJobs) * PRICES.scheduler.perJobMonth,
  });

  const streamedMb = (day.bigqueryRows * PRICES.bigqueryStreaming.minRowBytes) / 1e6;
  const bigqueryDay = (streamedMb / 200) * PRICES.bigqueryStreaming.per200Mb;
  lines.push({
    service: 'BigQuery streaming inserts',
    usage: `${day.bigqueryRows} rows (≥ 1 KB each)`,
    perDay: bigqueryDay,
    perMonth: bigqueryDay * DAYS,
    perMonthAfterFreeTier: bigqueryDay * DAYS,
  });

  const total = (pick: (line: CostLine) => number) => lines.reduce((sum, line) => sum + pick(line), 0);
  lines.push({
    service: 'total',
    usage: '',
    perDay: total((line) => line.perDay),
    perMonth: total((line) => line.perMonth),
    perMonthAfterFreeTier: total((line) => line.perMonthAfterFreeTier),
  });
  return lines;
}
