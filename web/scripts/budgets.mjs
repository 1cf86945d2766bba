// Checks the size budgets of the built app, as a phone on a prepaid plan downloads it:
//   - the JavaScript the first page needs (entry and its static imports), gzipped: < 60 KB;
//   - the first load of the sign-in page (page, script, style, icon, manifest and the catalogue
//     of a language with the English fallback), gzipped: < 200 KB.
// Prints the figures; exits 1 when a budget is exceeded.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const read = (name) => readFileSync(new URL(name.replace(/^\//, ''), dist));
const gz = (name) => gzipSync(read(name), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const html = read('index.html').toString();
const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
const styles = [...html.matchAll(/<link rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);

// Static imports of the entry chunks (Vite lists them as modulepreload links).
const initialJs = [...new Set([...scripts, ...preloads])];
const jsBytes = initialJs.reduce((sum, file) => sum + gz(file), 0);

// A first visit in any language but English loads its catalogue and the English one (the
// fallback): the two largest stand for them.
const catalogues = readdirSync(new URL('assets/', dist)).filter((f) => /^[a-z]{2}(-[A-Za-z]+)?-[\w-]+\.js$/.test(f));
const catalogueBytes = catalogues.map((f) => gz(`assets/${f}`)).sort((a, b) => b - a).slice(0, 2)
  .reduce((sum, size) => sum + size, 0);
const firstLoad = gz('index.html') + jsBytes + styles.reduce((s, f) => s + gz(f), 0) + gz('favicon.svg') +
  gz('manifest.webmanifest') + catalogueBytes;

console.log(`initial JavaScript: ${kb(jsBytes)} gzipped (${initialJs.join(', ')}) — budget 60 KB`);
console.log(`first load of the sign-in page: ${kb(firstLoad)} gzipped (two largest catalogues ${kb(catalogueBytes)}) — budget 200 KB`);
let failed = false;
if (jsBytes >= 60 * 1024) {
  console.error('initial JavaScript over budget');
  failed = true;
}
if (firstLoad >= 200 * 1024) {
  console.error('first load over budget');
  failed = true;
}
if (catalogues.length === 0) {
  console.error('no language catalogue chunk found in dist/assets: the budget check would be blind');
  failed = true;
}
process.exit(failed ? 1 : 0);
