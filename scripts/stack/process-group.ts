import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** A child started in its own process group, so stopping it stops everything it forked. */
export interface GroupProcess {
  readonly child: ChildProcess;
  /** Resolves when the child has exited (with its code, or null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once the child is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the whole group at once (for `process.on('exit')`, where nothing can be awaited). */
  kill(): void;
}

const live = new Set<GroupProcess>();
let exitHookInstalled = false;

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Spawns `command args` detached (a new process group) with piped output; every group is killed when this process exits. */
export function spawnGroup(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): GroupProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const group: GroupProcess = {
    child,
    exited,
    kill: () => signalGroup(child.pid, 'SIGKILL'),
    async stop(graceMs = 2000) {
      live.delete(group);
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  live.add(group);
  exited.then(
    () => live.delete(group),
    () => live.delete(group),
  );
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const running of live) running.kill();
    });
  }
  return group;
}
