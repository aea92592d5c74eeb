import { PUBLISHABLE_TOPICS } from './topic-kinds.js';

/** The commands of `npm run sentinel`, as typed. */
export const COMMAND_NAMES = [
  'publish',
  'run',
  'status',
  'dead-letters',
  'explain',
  'stack',
  'report',
  'archive',
  'reconcile',
  'positions',
  'orders',
  'secrets',
  'backup',
  'restore',
  'pause',
  'resume',
  'help',
] as const;

export const USAGE = `Usage: npm run sentinel -- <command> [options]

Commands
  publish <topic> <json | @file | ->
                    validate one message with its topic's schema, publish it on the local in-process bus,
                    run the pipeline until quiet and report messages, events, notifications, dead letters.
                    With PUBSUB_EMULATOR_HOST or GOOGLE_CLOUD_PROJECT set, publish it on that Pub/Sub
                    instead (the deployed functions or \`stack\` process it) and print its message id.
                    A payload that does not decode is refused (exit 2) and nothing is published.
                    topics: ${PUBLISHABLE_TOPICS.join(', ')}
                    @file reads a JSON file; - reads standard input
                    Locally, scans read Alpaca when MARKET_DATA_SOURCE=alpaca (the default when ALPACA_API_KEY
                    and ALPACA_SECRET_KEY are set), else the bundled data in data/.
  run [--once]      the live system on this machine: the functions on the in-process bus and SQLite, the
                    Scheduler jobs (functions/schedules.ts) published at their times in their time zones,
                    bars from Alpaca as for publish, Discord when a webhook is configured, else console
                    and outbox. One line per scan and the next scan time; a failed scan is tried again a
                    minute later; a scan missed while stopped runs once at start. Ctrl-C or SIGTERM stops
                    after the scan in flight. --once runs the due scans and exits (for cron).
  status [--symbol S] [--all] [--json]
                    open signals, newest first (--all: ended ones too)
  dead-letters [--limit N] [--json]
                    dead-lettered messages, newest first (default limit 20)
  explain <symbol> --at <ISO time> [--timeframe 1Day] [--json]
                    why the engine did or did not signal then: the last closed bar at that moment and when
                    it closed, the indicators, every pattern that matched, each gate, and the candidate or
                    the rejection with its reasons (bundled data, or Alpaca when it is the source).
                    --json: one JSON object on the last line
  stack [--project ID] [--quiet]
                    the deployed topology on this machine: Pub/Sub and Firestore emulators, topics, push
                    subscriptions and one functions-framework server per function; prints how to publish
                    to it and runs until Ctrl-C, then stops every process it started
  report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
                    performance of the closed signals (per pattern, asset class, timeframe, month; the paper
                    account) from the analytics views, and .sentinel/report.html with charts
  archive --backfill
                    archive the facts of every signal already in the store into the analytics warehouse
                    (the DuckDB file locally, BigQuery with WAREHOUSE=bigquery); safe to run again
  reconcile [--json]
                    paper trading: the broker against the store (fills, lost orders, orphans, zombies),
                    then the daily account snapshot (the simulated broker unless ENABLE_EXECUTION=true)
  positions [--json]
                    open positions in the store against the broker's, with any drift
  orders --signal <id> [--json]
                    the orders sent for one signal: status, fills, prices, slippage
  secrets check [--json]
                    age of the latest version of every secret in Secret Manager; warns (exit 1) past 90 days.
                    Locally (DISABLE_SECRET_MANAGER=true) the ages are unknown and it says so
  backup [--out FILE]
                    every row or document of the configured store (SQLite, or Firestore with STORE=firestore)
                    as one JSON file (default .sentinel/backups/<store>-<env>-<time>.json)
  restore FILE      writes a backup into the configured store (same kind and ENVIRONMENT); for a Firestore
                    restore into a new database set FIRESTORE_DATABASE_ID first
  pause [--close-all] [--reason TEXT] [--region R]
                    the kill switch: sets the paused flag in the store (no scan, no new signal, no new
                    entry), pauses the Scheduler jobs of GOOGLE_CLOUD_PROJECT and tells the system route;
                    --close-all also cancels every open order and closes every paper position now
                    (configured broker: Alpaca paper or the simulated one; exit 1 if one could not be closed)
  resume [--region R]
                    clears the flag, resumes the Scheduler jobs, tells the system route
  help              this text

State lives in SQLite at SQLITE_PATH (default .sentinel/sentinel.db), notifications in outbox.jsonl beside it.
Exit codes: 0 done, 2 bad command line or payload, 66 no analytics yet (report), 69 Pub/Sub refused the publish
(run --once: a scan failed), 75 another \`run\` holds the store or is writing the analytics file (report),
78 configuration error, 130 stopped by Ctrl-C, 143 stopped by SIGTERM.

Example
  npm run sentinel -- publish scan-requests \\
    '{"schemaVersion":1,"timeframe":"1Day","universe":"crypto","asOf":"2024-03-05T00:00:00Z"}'`;
