import Database from 'better-sqlite3';

/** The last scheduled time each Scheduler job was run for, kept in the run's SQLite file so a restart can catch up. */
export interface JobLedger {
  /** The scheduled time of the job's last successful scan, or undefined when it never ran here. */
  lastRun(job: string): Date | undefined;
  recordRun(job: string, scheduledAt: Date, finishedAt: Date): void;
  close(): void;
}

/** Opens (and creates) the `scheduler_runs` table of `path`, one row per environment and job. */
export function openJobLedger(path: string, environment: 'dev' | 'prod'): JobLedger {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS scheduler_runs (
    environment TEXT NOT NULL,
    job TEXT NOT NULL,
    scheduled_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (environment, job)
  )`);
  const read = db.prepare<[string, string], { scheduled_at: string }>(
    'SELECT scheduled_at FROM scheduler_runs WHERE environment = ? AND job = ?',
  );
  const write = db.prepare(
    `INSERT INTO scheduler_runs (environment, job, scheduled_at, finished_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (environment, job) DO UPDATE SET scheduled_at = excluded.scheduled_at, finished_at = excluded.finished_at`,
  );
  return {
    lastRun: (job) => {
      const row = read.get(environment, job);
      return row === undefined ? undefined : new Date(row.scheduled_at);
    },
    recordRun: (job, scheduledAt, finishedAt) =>
      void write.run(environment, job, scheduledAt.toISOString(), finishedAt.toISOString()),
    close: () => {
      if (db.open) db.close();
    },
  };
}
