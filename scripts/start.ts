import { startScanWorkerIfParallel } from './replay/scan-worker.js';

// `npm start`. The scan worker thread loads its modules on the other core while this one loads the rest.
const scanThread = startScanWorkerIfParallel();
try {
  const { main } = await import('./replay/start-command.js');
  process.exitCode = await main(process.argv.slice(2), scanThread);
} finally {
  await scanThread?.close();
}
