import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { zipArchive } from './package/zip.js';
import type { ZipFile } from './package/zip.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** What was written. */
export interface DeployArchive {
  readonly path: string;
  readonly bytes: number;
  readonly entries: readonly string[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * The archive Cloud Build uploads and Cloud Functions builds: package.json and package-lock.json (it installs the
 * dependencies itself and starts `main`), and `dist/`: functions/index.ts and what it imports, compiled with
 * tsconfig.build.json (no test/, no scripts/), plus the bundled market data.
 */
export function packageDeployArchive(out: string): DeployArchive {
  const stage = mkdtempSync(join(tmpdir(), 'sentinel-package-'));
  try {
    const dist = join(stage, 'dist');
    execFileSync(process.execPath, [TSC, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', dist], { stdio: 'inherit' });
    cpSync(join(ROOT, 'data'), join(dist, 'data'), { recursive: true });
    const files: ZipFile[] = [
      ...['package.json', 'package-lock.json'].map((name) => ({ name, data: readFileSync(join(ROOT, name)) })),
      ...filesUnder(dist).map((file) => ({ name: relative(stage, file).split('\\').join('/'), data: readFileSync(file) })),
    ];
    const zip = zipArchive(files);
    writeFileSync(out, zip);
    return { path: out, bytes: zip.length, entries: files.map((file) => file.name) };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--out');
  const out = resolve(at === -1 ? 'sentinel.zip' : (process.argv[at + 1] ?? 'sentinel.zip'));
  const archive = packageDeployArchive(out);
  process.stdout.write(`wrote ${archive.path}: ${archive.entries.length} files, ${archive.bytes} bytes\n`);
}
