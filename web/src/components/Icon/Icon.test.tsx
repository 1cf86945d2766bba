// Icons: every name draws a shape, hidden from screen readers; those that point along the reading
// direction are marked to turn around in right-to-left languages.
import { afterEach, expect, it } from 'vitest';
import { draw } from '../../core/draw';
import { examples } from './Icon.examples';
import { iconNames } from './Icon';

let drawn: Awaited<ReturnType<typeof draw>> | undefined;
afterEach(() => drawn?.remove());

it('All_EachHasAShapeAndIsHiddenFromScreenReaders', async () => {
  drawn = await draw(examples[0]);
  const icons = [...drawn.root.querySelectorAll('svg')];
  expect(icons).toHaveLength(iconNames.length);
  for (const icon of icons) {
    expect(icon.getAttribute('aria-hidden')).toBe('true');
    expect(icon.querySelector('path')!.getAttribute('d')).not.toBe('');
  }
});

it('Directional_MirroredOthersNot', async () => {
  drawn = await draw(examples[0], 'ar');
  const mirrored = [...drawn.root.querySelectorAll('li')].filter((li) => li.querySelector('svg.mirror'))
    .map((li) => li.textContent?.trim());
  expect(mirrored).toEqual(['exit', 'logout']);
});
