import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every TypeScript source file under `dir`, relative to the repository root. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** What a file imports, statically or with `import()`: repository-relative paths for relative imports, package names otherwise. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specs = [
    ...[...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map(([, spec]) => spec),
    ...[...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map(([, spec]) => spec),
  ];
  return specs.map((spec) => (spec.startsWith('.') ? relative(root, resolve(root, dirname(file), spec)) : spec));
}

function violations(files: string[], forbidden: (target: string, file: string) => boolean): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden(target, file))
      .map((target) => `${file} → ${target}`),
  );
}

const engine = [
  ...sources('functions/generate-signals/indicators'),
  ...sources('functions/generate-signals/patterns'),
  ...sources('functions/generate-signals/candidates'),
  'functions/generate-signals/bars.ts',
  'functions/persist-state/lifecycle.ts',
  'functions/persist-state/lifecycle-event.ts',
  'functions/persist-state/cooldown.ts',
  'functions/persist-state/admission.ts',
];

test('the signal engine is pure: no adapters, configuration, logging or cloud clients', (t) => {
  const impure =
    /^(shared\/(store|bus|config|secrets|runtime|log|http|throttle|market-data)\/|@google-cloud|better-sqlite3|axios|node:fs|node:http)/;
  t.deepEqual(
    violations(engine, (target) => impure.test(target)),
    [],
  );
});

test('shared code never depends on a function or a script', (t) => {
  t.deepEqual(
    violations(sources('shared'), (target) => /^(functions|scripts)\//.test(target)),
    [],
  );
});

test('deployed code never imports a script or a test (the deploy archive leaves them out)', (t) => {
  t.deepEqual(
    violations([...sources('functions'), ...sources('shared')], (target) => /^(scripts|test)\//.test(target)),
    [],
  );
});

test('no function imports another function', (t) => {
  const folderOf = (path: string) => /^functions\/([^/]+)\//.exec(path)?.[1];
  const files = sources('functions').filter((file) => folderOf(file) !== undefined);
  t.deepEqual(
    violations(files, (target, file) => folderOf(target) !== undefined && folderOf(target) !== folderOf(file)),
    [],
  );
});

test('the import scanner sees relative and package imports (so an empty violation list means something)', (t) => {
  const seen = importsOf('functions/index.ts');
  t.true(seen.includes('@google-cloud/functions-framework'));
  t.true(seen.includes('functions/topology.js'));
  t.true(importsOf('functions/generate-signals/index.ts').includes('shared/runtime/push-handler.js'));
  t.true(importsOf('functions/topology.ts').includes('functions/generate-signals/wiring.js'), 'a dynamic import');
});
