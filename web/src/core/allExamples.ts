// Every component's examples (components/<Name>/<Name>.examples.tsx), by component name.
import type { Example } from './examples';

export function allExamples(): Record<string, Example[]> {
  const found = import.meta.glob<Example[]>('../components/*/*.examples.tsx', { eager: true, import: 'examples' });
  return Object.fromEntries(Object.entries(found).map(([path, examples]) =>
    [path.replace(/^.*\/([^/]+)\.examples\.tsx$/, '$1'), examples]));
}
