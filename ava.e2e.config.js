// End-to-end suite (`npm run test:e2e`): the deployed topology on the Pub/Sub and Firestore emulators, one stack per file.
export default {
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  workerThreads: false,
  files: ['test/e2e/**/*.test.ts'],
  timeout: '180s',
};
