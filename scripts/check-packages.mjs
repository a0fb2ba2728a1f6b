// Builds every publishable package and checks its package.json and exports
// with publint and Are the Types Wrong, so a broken `exports` map fails `pnpm test`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packagesDir = join(root, 'packages');
const publishable = readdirSync(packagesDir)
  .map((name) => join(packagesDir, name))
  .filter((dir) => {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return manifest.private !== true;
    } catch {
      return false;
    }
  });

const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: 'inherit' });
for (const dir of publishable) {
  console.log(`\n== ${dir.slice(root.length)}`);
  run('pnpm', ['run', 'build'], dir);
  run('pnpm', ['exec', 'publint', '--strict'], dir);
  run('pnpm', ['exec', 'attw', '--pack', '.', '--profile', 'node16'], dir);
}
