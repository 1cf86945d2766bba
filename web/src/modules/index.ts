// The web's module list: the modules of the app, in the order of the navigation. A new module adds
// its word here (its folder holds module.ts, its screens and messages/<lang>.json); the router, the
// menu, the catalogues and the accessibility check of its screens follow.
import type { Module } from '../core/module';

export const words = ['home', 'directory', 'cases', 'people', 'account'];

const declared = import.meta.glob<Module>('./*/module.ts', { eager: true, import: 'default' });

export const modules: Module[] = words.map((word) => {
  const module = declared[`./${word}/module.ts`];
  if (!module) throw new Error(`modules/${word}/module.ts is missing`);
  return module;
});
