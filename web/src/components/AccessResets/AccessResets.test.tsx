// The notice of new access codes: who gave each and why, in her language; hiding it is remembered
// on this device until a newer code is given.
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { draw } from '../../core/draw';
import { examples } from './AccessResets.examples';

const example = (name: string) => examples.find((e) => e.name === name)!;
let drawn: Awaited<ReturnType<typeof draw>> | undefined;
beforeEach(() => localStorage.clear());
afterEach(() => drawn?.remove());

it('Several_EachWithWhoAndWhyAndAnUnknownGiverNamedPlainly', async () => {
  drawn = await draw(example('several'));
  const items = [...drawn.root.querySelectorAll('li')].map((li) => li.textContent);
  expect(items).toHaveLength(2);
  expect(items[0]).toContain('a staff member');
  expect(items[1]).toContain('Giulia Rossi');
  expect(drawn.root.querySelector('q')!.getAttribute('dir')).toBe('auto');
});

it('Hidden_RememberedOnThisDevice', async () => {
  drawn = await draw(example('one'), 'ar');
  expect(drawn.root.querySelector('#access-resets-title')).not.toBeNull();
  act(() => (drawn!.root.querySelector('button') as HTMLButtonElement).click());
  expect(drawn.root.querySelector('#access-resets-title')).toBeNull();
  drawn.remove();
  drawn = await draw(example('one'));
  expect(drawn.root.querySelector('#access-resets-title')).toBeNull();
  // Newer codes show again.
  drawn.remove();
  drawn = await draw(example('several'));
  expect(drawn.root.querySelectorAll('li')).toHaveLength(2);
});
