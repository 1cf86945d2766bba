// Her progress chart: three domains scored over a year (not every domain each time), a single
// assessment, and a case not assessed yet.
import type { Example } from '../../core/examples';
import { ProgressChart } from './ProgressChart';

const day = 24 * 60 * 60 * 1000;
const start = Date.UTC(2026, 0, 12, 10, 0);

export const sample = [
  { domain: 'language' as const, points: [{ at: start, score: 1 }, { at: start + 120 * day, score: 2 },
    { at: start + 300 * day, score: 4 }] },
  { domain: 'housing' as const, points: [{ at: start, score: 2 }, { at: start + 300 * day, score: 3 }] },
  { domain: 'work' as const, points: [{ at: start + 120 * day, score: 1 }, { at: start + 200 * day, score: 3 },
    { at: start + 300 * day, score: 5 }] },
];

export const examples: Example[] = [
  { name: 'over-a-year', draw: () => <ProgressChart progress={sample} /> },
  { name: 'one-assessment', draw: () => <ProgressChart progress={[{ domain: 'money', points: [{ at: start, score: 3 }] }]} /> },
  { name: 'not-assessed', draw: () => <ProgressChart progress={[]} /> },
];
