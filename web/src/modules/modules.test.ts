// The module list and what each module declares: every folder of src/modules/ is in the list
// under its own word; every screen a module routes to has at least one example state for the
// browser's accessibility check (screens.examples.mjs), and every example names one of its routes;
// every menu entry leads to a route and has its label in all six languages.
import { describe, expect, it } from 'vitest';
import { loadTranslator } from '../i18n';
import { modules, words } from './index';

const folders = [...new Set(Object.keys(import.meta.glob('./*/*')).map((path) => path.split('/')[1]))];
const declared = import.meta.glob<{ name: string; route: string }[]>('./*/screens.examples.mjs',
  { eager: true, import: 'screens' });
const routes = modules.flatMap((module) => module.routes.map((route) => route.path));

it('every module folder is in the list, under its own word', () => {
  expect([...folders].sort()).toEqual([...words].sort());
  expect(modules.map((module) => module.word)).toEqual(words);
});

it('no two modules route the same address', () => {
  expect(new Set(routes).size).toBe(routes.length);
});

for (const module of modules) {
  describe(module.word, () => {
    const examples = declared[`./${module.word}/screens.examples.mjs`] ?? [];

    it('every screen it routes to has an example state, and every example one of its routes', () => {
      // A screen shown at several addresses (with other props) needs one example for them all.
      const screens = new Map<unknown, string[]>();
      for (const route of module.routes) screens.set(route.screen, [...screens.get(route.screen) ?? [], route.path]);
      const shown = new Set(examples.map((example) => example.route));
      const missing = [...screens.values()].filter((paths) => !paths.some((path) => shown.has(path)));
      expect(missing).toEqual([]);
      expect(examples.filter((example) => !module.routes.some((route) => route.path === example.route))).toEqual([]);
    });

    it('every menu entry leads to a route and is labelled in every language', async () => {
      for (const entry of module.nav) expect(routes).toContain(entry.href);
      for (const locale of ['ar', 'ca', 'en', 'es', 'fr', 'it']) {
        const { t } = await loadTranslator(locale);
        for (const entry of module.nav) expect(t(entry.label), `${locale} ${entry.label}`).not.toBe(entry.label);
      }
    });
  });
}
