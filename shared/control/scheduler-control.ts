import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Pauses and resumes the Cloud Scheduler jobs of one deployment. */
export interface SchedulerControl {
  /** Pauses every job of the deployment; the names it paused. */
  pauseAll(): Promise<string[]>;
  resumeAll(): Promise<string[]>;
}

/** Where the jobs are: project, region, and the `live`/`test` prefix Terraform gives their names. */
export interface SchedulerLocation {
  readonly project: string;
  readonly region: string;
  readonly environment: 'dev' | 'prod';
}

/** The jobs of this deployment among `names` (full resource names or ids): those named `<live|test>-…`, backups excepted. */
export function deploymentJobs(names: readonly string[], environment: 'dev' | 'prod'): string[] {
  const prefix = `${environment === 'prod' ? 'live' : 'test'}-`;
  return names
    .map((name) => name.trim().split('/').pop() ?? '')
    .filter((id) => id.startsWith(prefix) && !id.includes('firestore-export'));
}

/** The gcloud arguments of one action on one job. */
export function gcloudJobArgs(action: 'pause' | 'resume', job: string, at: SchedulerLocation): string[] {
  return ['scheduler', 'jobs', action, job, `--location=${at.region}`, `--project=${at.project}`, '--quiet'];
}

/** Through the gcloud CLI with the operator's credentials (roles/cloudscheduler.admin). */
export function gcloudSchedulerControl(at: SchedulerLocation): SchedulerControl {
  const jobs = async (): Promise<string[]> => {
    const { stdout } = await run('gcloud', [
      'scheduler',
      'jobs',
      'list',
      `--location=${at.region}`,
      `--project=${at.project}`,
      '--format=value(name)',
    ]);
    return deploymentJobs(
      stdout.split('\n').filter((line) => line.trim() !== ''),
      at.environment,
    );
  };
  const each = (action: 'pause' | 'resume') => async (): Promise<string[]> => {
    const names = await jobs();
    for (const job of names) await run('gcloud', gcloudJobArgs(action, job, at));
    return names;
  };
  return { pauseAll: each('pause'), resumeAll: each('resume') };
}
