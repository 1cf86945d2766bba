// Starts a real `ponte serve` on a free loopback port with a temporary SQLite database and the
// built web app, for the browser tests. Resolves once the server logs that it listens.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export async function startPonte() {
  const binary = process.env.PONTE_BINARY ?? resolve('../build/ponte');
  const dir = mkdtempSync(join(tmpdir(), 'ponte-e2e-'));
  const keyFile = join(dir, 'ponte.keys');
  execFileSync(binary, ['keys', 'generate', '--key-file', keyFile], { stdio: 'ignore' });
  const child = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--db', `sqlite:${join(dir, 'e2e.db')}`,
    '--key-file', keyFile, '--web-root', resolve('dist'), '--threads', '2'], { stdio: ['ignore', 'pipe', 'inherit'] });
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
