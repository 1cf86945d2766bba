// Starts a real `ponte serve` on a free loopback port with a temporary SQLite database, the demo
// accounts and the built web app, for the browser tests. Resolves once the server logs that it
// listens. `demo: false` serves outside demo mode (staff must then pass the second factor).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const demoPassword = 'ponte demo password';

export async function startPonte({ demo = true, quickExitUrl } = {}) {
  const binary = process.env.PONTE_BINARY ?? resolve('../build/ponte');
  const dir = mkdtempSync(join(tmpdir(), 'ponte-e2e-'));
  const keyFile = join(dir, 'ponte.keys');
  const db = `sqlite:${join(dir, 'e2e.db')}`;
  const env = { ...process.env, PONTE_KEYS: '' };
  execFileSync(binary, ['keys', 'generate', '--key-file', keyFile], { stdio: 'ignore', env });
  execFileSync(binary, ['seed-demo', '--db', db, '--key-file', keyFile], { stdio: 'ignore', env });
  const args = ['serve', '--listen', '127.0.0.1:0', '--db', db, '--key-file', keyFile, '--web-root', resolve('dist'),
    '--threads', '2', '--cookie-secure', 'false', '--access-log', 'false'];
  // Outside demo mode, serve refuses the demo accounts' published password unless it is a test server.
  args.push(demo ? '--demo' : '--test-routes');
  if (quickExitUrl) args.push('--quick-exit-url', quickExitUrl);
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
  const port = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error('ponte did not start listening in 30 s')), 30_000);
    child.on('exit', (code) => fail(new Error(`ponte exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes('"msg":"listening"')) return;
      clearTimeout(timer);
      done(Number(JSON.parse(line).port));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((done) => child.on('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
