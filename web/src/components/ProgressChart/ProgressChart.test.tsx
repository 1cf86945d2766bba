// The progress chart: a line per domain through its scores in time order, a name and a summary a
// screen reader hears, every score in its table, and time running the other way in Arabic.
import { afterEach, expect, it } from 'vitest';
import { draw } from '../../core/draw';
import { end, side, width } from './ProgressChart';
import { examples, sample } from './ProgressChart.examples';

const example = (name: string) => examples.find((e) => e.name === name)!;
let drawn: Awaited<ReturnType<typeof draw>> | undefined;
afterEach(() => drawn?.remove());

// The x and y of each point of the domain's line, as drawn.
function line(root: Element, domain: string) {
  const polyline = root.querySelector(`[data-domain="${domain}"] polyline`)!;
  return polyline.getAttribute('points')!.split(' ').map((pair) => pair.split(',').map(Number));
}

it('OneLinePerDomain_ThroughItsScoresInTimeOrder', async () => {
  drawn = await draw(example('over-a-year'));
  const series = [...drawn.root.querySelectorAll('.progress-chart-series')].map((g) => g.getAttribute('data-domain'));
  expect(series).toEqual(['language', 'housing', 'work']);
  const language = line(drawn.root, 'language');
  expect(language).toHaveLength(3);
  const xs = language.map(([x]) => x);
  expect(xs).toEqual([...xs].sort((a, b) => a - b));
  // Higher scores are drawn higher (a smaller y), 5 at the top and 1 at the bottom.
  const ys = line(drawn.root, 'work').map(([, y]) => y);
  expect(ys[0]).toBeGreaterThan(ys[1]);
  expect(ys[1]).toBeGreaterThan(ys[2]);
  expect(line(drawn.root, 'language')[0][1]).toBe(ys[0]);
  // Each line is told apart by its dash pattern too, not by colour alone.
  const dashes = ['language', 'housing'].map((domain) =>
    drawn!.root.querySelector(`[data-domain="${domain}"] polyline`)!.getAttribute('stroke-dasharray'));
  expect(dashes[0]).not.toBe(dashes[1]);
});

it('AnImageWithANameASummaryAndEveryScoreInATable', async () => {
  drawn = await draw(example('over-a-year'));
  const svg = drawn.root.querySelector('svg[role="img"]')!;
  const title = drawn.root.querySelector(`[id="${svg.getAttribute('aria-labelledby')}"]`)!;
  expect(title.tagName.toLowerCase()).toBe('title');
  expect(title.textContent).toBe('Progress in each domain');
  const summary = drawn.root.querySelector(`[id="${svg.getAttribute('aria-describedby')}"]`)!.textContent;
  expect(summary).toContain('3 domains');
  expect(summary).toContain('Jan 12, 2026');
  const rows = [...drawn.root.querySelectorAll('.visually-hidden > table tbody tr')].map((row) =>
    [...row.children].map((cell) => cell.textContent));
  expect(rows).toHaveLength(sample.reduce((sum, domain) => sum + domain.points.length, 0));
  expect(rows[0]).toEqual(['Language', 'Jan 12, 2026', '1 out of 5']);
  expect(rows.at(-1)).toEqual(['Work', drawn.translator.formatDate(sample[2].points[2].at), '5 out of 5']);
  expect([...drawn.root.querySelectorAll('.progress-chart-legend li')].map((li) => li.textContent))
    .toEqual(['Language', 'Housing', 'Work']);
});

it('InArabic_TimeRunsFromRightToLeft_AndTheLabelsAreArabic', async () => {
  drawn = await draw(example('over-a-year'));
  const ltr = line(drawn.root, 'language').map(([x]) => x);
  drawn.remove();
  drawn = await draw(example('over-a-year'), 'ar');
  const svg = drawn.root.querySelector('svg[role="img"]')!;
  expect(svg.getAttribute('data-direction')).toBe('rtl');
  const rtl = line(drawn.root, 'language').map(([x]) => x);
  expect(rtl[0]).toBeGreaterThan(rtl[2]);
  // The mirror image of the left-to-right chart.
  rtl.forEach((x, i) => expect(x).toBeCloseTo(width - ltr[i]));
  expect(drawn.root.querySelector('title')!.textContent).toBe('التقدّم في كل مجال');
  expect(drawn.root.querySelector('table tbody th')!.textContent).toBe('اللغة');
});

it('OneAssessment_StandsInTheMiddle_NoAssessment_SaysSo', async () => {
  drawn = await draw(example('one-assessment'));
  expect(line(drawn.root, 'money')[0][0]).toBeCloseTo((side + width - end) / 2);
  expect(drawn.root.querySelector('desc')!.textContent).toContain('1 domain');
  drawn.remove();
  drawn = await draw(example('not-assessed'));
  expect(drawn.root.querySelector('svg')).toBeNull();
  expect(drawn.root.textContent).toBe('No assessment yet.');
});
