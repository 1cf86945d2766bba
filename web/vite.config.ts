// Builds the web app into dist/: hashed, long-cached assets under /assets/, the page, the
// manifest and a service worker (sw.js, at the root so that it controls every address) that
// precaches everything the build made, so the shell opens offline. `vitest` runs the unit tests of
// the components and modules (src/**/*.test.tsx) in happy-dom, with the same transforms.
/// <reference types="vitest" />
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

function serviceWorker(): Plugin {
  return {
    name: 'ponte-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => !name.endsWith('.map'));
      const precache = ['/', '/favicon.svg', '/manifest.webmanifest', ...files.filter((f) => f !== 'index.html').map((f) => `/${f}`)];
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(new URL('./src/sw.js', import.meta.url), 'utf8')
        .replace('self.__PRECACHE__', JSON.stringify(precache))
        .replace('self.__VERSION__', JSON.stringify(version));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  plugins: [preact(), serviceWorker()],
  // `npm run dev` serves the sources with hot reload and sends API calls to `make run`'s server.
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        // The catalogues of one language (the core's and every module's) in one file named after
        // the language, so that a first visit downloads one file per language.
        manualChunks(id) {
          const catalogue = /\/messages\/([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.json$/.exec(id);
          return catalogue ? catalogue[1] : undefined;
        },
      },
    },
  },
});
