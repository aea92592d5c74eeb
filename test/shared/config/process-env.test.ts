import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { overlayEnv, processEnvironment } from '../../../shared/config/process-env.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('shared/config/process-env.ts is the only deployed module that reads process.env (STYLE habit 4)', (t) => {
  const readers = ['shared', 'functions']
    .flatMap((dir) => sourceFiles(join(root, dir)))
    .filter((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .some((line) => /process\.env\b/.test(line) && !/^\s*(\*|\/\/|\/\*)/.test(line)),
    )
    .map((file) => relative(root, file));
  t.deepEqual(readers, [join('shared', 'config', 'process-env.ts')], 'read configuration through loadConfig() instead');
});

test('processEnvironment is the process environment itself', (t) => {
  t.is(processEnvironment(), process.env);
});

test('overlayEnv lets set values win and leaves empty ones to the base', (t) => {
  t.deepEqual(overlayEnv({ A: 'file', B: 'file', C: 'file' }, { A: 'env', B: '', C: undefined, D: 'env' }), {
    A: 'env',
    B: 'file',
    C: 'file',
    D: 'env',
  });
});
