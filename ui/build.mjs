// `npm run build`: Vite builds the UI into a fresh folder, then only the files whose bytes
// changed are written into ui/dist (and files no longer built are removed). Vite names assets
// by content hash, so a rebuild of an unchanged UI touches nothing, and the desktop crate,
// which embeds ui/dist and recompiles when a file in it changes, is not rebuilt for nothing
// (two release and debug recompiles of claimdesk-desktop on every CI run otherwise).
import { mkdtemp, readdir, readFile, writeFile, rm, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ui = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(ui, 'dist');
const fresh = await mkdtemp(path.join(os.tmpdir(), 'claimdesk-ui-'));

/** Every file under `dir`, as paths relative to it (the build output is a few folders deep). */
async function files(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)));
}

try {
  await build({ root: ui, logLevel: process.argv.includes('--quiet') || process.argv.includes('warn') ? 'warn' : 'info', build: { outDir: fresh, emptyOutDir: true } });
  const built = await files(fresh);
  let written = 0;
  for (const name of built) {
    const bytes = await readFile(path.join(fresh, name));
    const target = path.join(dist, name);
    const old = await readFile(target).catch(() => null);
    if (old === null || !old.equals(bytes)) {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, bytes);
      written += 1;
    }
  }
  const keep = new Set(built);
  const stale = (await files(dist)).filter((name) => !keep.has(name));
  for (const name of stale) await rm(path.join(dist, name));
  console.log(`ui/dist: ${written} file(s) written, ${built.length - written} unchanged, ${stale.length} removed`);
} finally {
  await rm(fresh, { recursive: true, force: true });
}
