// The directory's HSDS tabular data package (`ponte directory export --format tabular`) read by
// the Frictionless data package library against the official HSDS 3.0 descriptor: every table
// casts to its column types, every primary key is unique and every foreign key names a row of
// the package. The package's own datapackage.json is read the same way, strictly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Package } from 'datapackage';

const shared = process.env.PONTE_SHARED_DIR || fileURLToPath(new URL('../../../shared/', import.meta.url));
const binary = process.env.PONTE_BINARY ?? resolve('../build/ponte');

// Reads every resource of `descriptor` from `dir`: the number of rows of each, or its errors.
async function readAll(descriptor, dir, strict) {
  const pkg = await Package.load(descriptor, { basePath: dir, strict });
  assert.deepEqual(pkg.errors.map((e) => e.message), [], 'the descriptor is valid');
  const rows = {};
  for (const resource of pkg.resources) {
    try {
      rows[resource.name] = (await resource.read({ keyed: true, relations: true })).length;
    } catch (error) {
      const details = (error.errors ?? []).slice(0, 3).map((e) => e.message);
      assert.fail(`${resource.name}: ${error.message} ${details.join('; ')}`);
    }
  }
  return rows;
}

test('the demo directory exported as a tabular package reads as the official HSDS 3.0 package', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-tabular-'));
  try {
    const env = { ...process.env, PONTE_KEYS: '' };
    const keyFile = join(dir, 'ponte.keys');
    const db = `sqlite:${join(dir, 'directory.db')}`;
    const out = join(dir, 'package');
    execFileSync(binary, ['keys', 'generate', '--key-file', keyFile], { stdio: 'ignore', env });
    execFileSync(binary, ['seed-demo', '--db', db, '--key-file', keyFile], { stdio: 'ignore', env });
    execFileSync(binary, ['directory', 'export', '--db', db, '--key-file', keyFile, '--format', 'tabular',
      '--out', out], { stdio: 'ignore', env });

    const official = JSON.parse(readFileSync(join(shared, 'hsds-3.0', 'datapackage.json'), 'utf8'));
    const rows = await readAll(official, out, false);
    assert.ok(rows.service >= 30, `the demo's services: ${rows.service}`);
    for (const table of ['organization', 'location', 'service_at_location', 'schedule', 'language', 'attribute',
      'taxonomy', 'taxonomy_term', 'phone', 'address']) {
      assert.ok(rows[table] > 0, `${table}: rows`);
    }
    const ours = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8'));
    assert.deepEqual(await readAll(ours, out, true), rows, 'its own descriptor reads the same rows');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
