import { DEFAULT_DELIVERY_LEASE_MS } from '../../functions/notify-discord/index.js';
import type { NotificationSink } from '../../functions/notify-discord/notification-sink.port.js';
import { createOutboxSink, DEFAULT_OUTBOX_PATH } from '../../functions/notify-discord/outbox-sink.js';
import { discordSinkFromConfig } from '../../functions/notify-discord/discord/sink-from-config.js';
import { ROUTE_SECRETS } from '../../functions/notify-discord/discord/routes.js';
import { deliverSystemNotice } from '../../functions/notify-discord/system-notice.js';
import type { Config } from '../../shared/config/index.js';
import { RUNNING } from '../../shared/control/pause-flag.js';
import type { PauseState } from '../../shared/control/pause-flag.js';
import { gcloudSchedulerControl } from '../../shared/control/scheduler-control.js';
import type { SchedulerControl } from '../../shared/control/scheduler-control.js';
import { closeAll } from '../../functions/execute-orders/close-all.js';
import { log } from '../../shared/log/logger.js';
import { redactText } from '../../shared/log/redact-text.js';
import { instanceAdapters } from '../../shared/runtime/instance-adapters.js';
import { loadSecrets } from '../../shared/secrets/index.js';
import type { StateStore } from '../../shared/store/store.port.js';
import { outboxPathFor } from '../pipeline/local-runtime.js';
import { openConfiguredStore } from './configured-store.js';
import type { CliIo, Command } from './io.js';
import { parseCommandArgs } from './parse.js';
import { tradingCommandRuntime } from './trading-runtime.js';
import type { TradingCommandRuntime } from './trading-runtime.js';

/** What pause and resume may be handed instead of gcloud, Discord and the clock (tests). */
export interface KillSwitchDeps {
  readonly scheduler?: SchedulerControl | null;
  readonly sink?: NotificationSink;
  readonly now?: () => Date;
}

/** The Scheduler jobs are paused only against a real project (not on the emulators, not locally). */
function schedulerFor(config: Config, region: string, deps: KillSwitchDeps): SchedulerControl | null {
  if (deps.scheduler !== undefined) return deps.scheduler;
  const project = config.gcp.projectId;
  if (project === undefined || config.gcp.pubsubEmulatorHost !== undefined) return null;
  return gcloudSchedulerControl({ project, region, environment: config.environment });
}

/** Discord when the system (or test) webhook is configured, else the outbox file beside the store. */
async function sinkFor(config: Config, store: StateStore, deps: KillSwitchDeps): Promise<NotificationSink> {
  if (deps.sink) return deps.sink;
  const secrets = await loadSecrets({ config, names: Object.values(ROUTE_SECRETS) });
  if (secrets.has(config.testMode ? 'TEST_DISCORD_WEBHOOK' : 'DISCORD_SYSTEM_WEBHOOK_URL')) {
    return discordSinkFromConfig({ config, secrets, store, log });
  }
  return createOutboxSink({
    path: config.store.kind === 'sqlite' ? outboxPathFor(config.store.sqlitePath) : DEFAULT_OUTBOX_PATH,
  });
}

async function announce(
  config: Config,
  store: StateStore,
  deps: KillSwitchDeps,
  io: CliIo,
  key: string,
  title: string,
  lines: string[],
) {
  try {
    const sink = await sinkFor(config, store, deps);
    const now = deps.now ?? (() => new Date());
    await deliverSystemNotice(
      { store, sink, now, leaseMs: DEFAULT_DELIVERY_LEASE_MS },
      { key, title, lines, testMode: config.testMode },
    );
  } catch (error) {
    io.err.write(
      `warning: the system route was not told (${error instanceof Error ? error.name : 'error'}); the switch is set\n`,
    );
  }
}

/**
 * `--close-all` carried out at once through the configured broker (Alpaca paper, or the simulated one) and the trade
 * store: every open order canceled, every paper position closed (functions/execute-orders/close-all.ts). A failure
 * is reported in the lines (and exit 1); the flag is set either way.
 */
async function closeEverything(config: Config, deps: KillSwitchDeps, io: CliIo): Promise<{ lines: string[]; failed: boolean }> {
  let trading: TradingCommandRuntime | undefined;
  try {
    // Its trade.closed events reach Discord and the archive (through Pub/Sub, or the local system's outbox).
    trading = await tradingCommandRuntime(config, log, { write: (chunk) => io.err.write(chunk) });
    const { broker } = trading;
    const report = await closeAll({ ...trading, now: deps.now ?? (() => new Date()) });
    const also = report.closed.length === 0 ? '' : `; also closed at the broker: ${report.closed.join(', ')}`;
    // Positions another broker holds (Alpaca paper while this command runs with execution off) are out of its reach.
    const elsewhere = (await trading.trades.listPositions('open')).filter((p) => p.mode !== broker.mode);
    return {
      lines: [
        `Close-all on the ${broker.mode === 'alpaca' ? 'Alpaca paper' : 'simulated'} account: ${report.canceled} open order(s) canceled, ` +
          `${report.signals.length} position(s) of this system closed${also}.`,
        ...(report.pending.length === 0
          ? []
          : [
              `${report.pending.length} sell(s) accepted and not filled yet (${report.pending.map((p) => p.symbol).join(', ')}; ` +
                'the stock market may be closed): reconcile closes their records when they fill.',
            ]),
        ...report.failures.map((failure) => `Close-all failed: ${redactText(failure)} (see sentinel positions).`),
        ...(elsewhere.length === 0
          ? []
          : [
              `Close-all did not reach ${elsewhere.length} open ${elsewhere[0].mode} position(s) (${elsewhere.map((p) => p.symbol).join(', ')}): ` +
                'run it again with the deployment’s ENABLE_EXECUTION=true and Alpaca keys.',
            ]),
      ],
      failed: report.failures.length > 0 || elsewhere.length > 0,
    };
  } catch (error) {
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { lines: [`Close-all could not run (${redactText(why).slice(0, 300)}); positions may still be open.`], failed: true };
  } finally {
    await trading?.finish();
  }
}

function killSwitch(action: 'pause' | 'resume', deps: KillSwitchDeps): Command {
  return async (argv, io) => {
    const { values } = parseCommandArgs(action, {
      args: [...argv],
      options: {
        'close-all': { type: 'boolean', default: false },
        reason: { type: 'string' },
        region: { type: 'string', default: 'us-central1' },
      },
      allowPositionals: false,
    });
    const runtime = openConfiguredStore();
    const { config, store } = runtime;
    try {
      const flag = instanceAdapters(config).pauseFlag();
      const at = (deps.now ?? (() => new Date()))().toISOString();
      const reason = values.reason ?? (action === 'pause' ? 'paused by an operator' : '');
      const state: PauseState =
        action === 'pause' ? { paused: true, closeAll: values['close-all'], reason, at } : { ...RUNNING, at };
      // The flag first: a job already firing finds it paused; on resume the jobs start once the flag is clear.
      const scheduler = schedulerFor(config, values.region, deps);
      await flag.set(state);
      const jobs = (await (action === 'pause' ? scheduler?.pauseAll() : scheduler?.resumeAll())) ?? [];
      const jobText =
        scheduler === null
          ? 'no Scheduler jobs here (local or emulators)'
          : `${jobs.length} Scheduler job(s) ${action}d: ${jobs.join(', ') || 'none found'}`;
      const closing = action === 'pause' && values['close-all'] ? await closeEverything(config, deps, io) : undefined;
      const lines =
        action === 'pause'
          ? [
              `Paused at ${at}: ${reason}.`,
              closing === undefined
                ? 'No scan, no new signal, no new entry; open signals keep their lifecycle and protective orders stay at the broker. Positions are left open.'
                : 'No scan, no new signal, no new entry; open signals keep their lifecycle.',
              ...(closing?.lines ?? []),
              jobText,
            ]
          : [`Resumed at ${at}.`, jobText];
      await announce(
        config,
        store,
        deps,
        io,
        `${action}|${at}`,
        action === 'pause' ? '⏸️ Crypto Sentinel paused' : '▶️ Crypto Sentinel resumed',
        lines,
      );
      io.out.write(`${lines.join('\n')}\nflag: ${runtime.where}\n`);
      return closing?.failed === true ? 1 : 0;
    } finally {
      await store.close();
    }
  };
}

/** `pause [--close-all] [--reason TEXT] [--region R]`: the kill switch (docs/operations.md, first incident step). */
export const pauseCommand = (deps: KillSwitchDeps = {}): Command => killSwitch('pause', deps);
/** `resume [--region R]`: clears the kill switch and resumes the Scheduler jobs. */
export const resumeCommand = (deps: KillSwitchDeps = {}): Command => killSwitch('resume', deps);
export const pause: Command = pauseCommand();
export const resume: Command = resumeCommand();
