import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getFunction } from '@google-cloud/functions-framework/testing';
import { FUNCTION_NAMES } from '../../functions/topology.js';
import { packageDeployArchive } from '../../scripts/package.js';
import { unzipArchive, zipArchive } from '../../scripts/package/zip.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('the zip writer round-trips names and bytes, checksums included', (t) => {
  const files = [
    { name: 'a.txt', data: Buffer.from('hello') },
    { name: 'dir/ü.json', data: Buffer.from(JSON.stringify({ x: 'y'.repeat(5000) })) },
    { name: 'empty', data: Buffer.alloc(0) },
  ];
  t.deepEqual(unzipArchive(zipArchive(files)), files);
  t.deepEqual(zipArchive(files), zipArchive(files), 'the same files make the same archive');
});

test('the deploy archive holds the deployed graph only, and every function of the table is registered from it', async (t) => {
  t.timeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-archive-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const archive = packageDeployArchive(join(dir, 'sentinel.zip'));
  t.log(`${archive.entries.length} files, ${archive.bytes} bytes`);
  const files = unzipArchive(readFileSync(archive.path));
  const names = files.map((file) => file.name);
  t.deepEqual(names, archive.entries);

  t.deepEqual(
    names.filter((name) => !/^(package\.json|package-lock\.json|dist\/(functions|shared|data)\/.+)$/.test(name)),
    [],
    'package.json, the lock and dist/{functions,shared,data} only',
  );
  t.deepEqual(
    names.filter((name) => /(^|\/)(test|scripts)\//.test(name) || /\.test\.|\.ts$/.test(name)),
    [],
    'no test, script or source',
  );
  t.deepEqual(
    names.filter((name) => /preview\/|local-run-notifications|talib/i.test(name)),
    [],
    'no local-only module, no TA-Lib',
  );
  type Deps = Record<string, string> | undefined;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    main: string;
    dependencies?: Deps;
    devDependencies?: Deps;
    optionalDependencies?: Deps;
  };
  for (const deps of [pkg.dependencies, pkg.devDependencies, pkg.optionalDependencies]) t.false('talib' in (deps ?? {}));
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  t.deepEqual(
    Object.keys(lock.packages).filter((path) => path.endsWith('/talib')),
    [],
    'npm ci installs no TA-Lib',
  );
  t.true(names.includes(pkg.main), 'package.json main is in the archive');

  // Unpacked beside this repository's node_modules, the archive's main registers every row of the table.
  const unpacked = join(dir, 'unpacked');
  for (const file of files) {
    mkdirSync(dirname(join(unpacked, file.name)), { recursive: true });
    writeFileSync(join(unpacked, file.name), file.data);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(unpacked, 'node_modules'), 'dir');
  await import(pathToFileURL(join(unpacked, pkg.main)).href);
  for (const name of FUNCTION_NAMES) t.is(typeof getFunction(name), 'function', `${name} is registered from the archive`);
});
