// Links inside the app: a participant's navigation replaces the history entry (the quick exit then
// leaves no way back), staff's adds one; the link of the current page says so.
import { act } from 'preact/test-utils';
import { afterEach, expect, it } from 'vitest';
import { draw } from '../../core/draw';
import { examples } from './AppLink.examples';

const example = (name: string) => examples.find((e) => e.name === name)!;
let drawn: Awaited<ReturnType<typeof draw>> | undefined;
afterEach(() => drawn?.remove());

async function follow(name: string) {
  history.replaceState(null, '', '/account');
  drawn = await draw(example(name));
  const before = history.length;
  act(() => (drawn!.root.querySelector('a[href="/"]') as HTMLAnchorElement).click());
  await drawn.settle();
  return { path: location.pathname, added: history.length - before };
}

it('Participant_NavigationReplacesTheEntry', async () => {
  expect(await follow('participant')).toEqual({ path: '/', added: 0 });
});

it('Staff_NavigationAddsAnEntry', async () => {
  expect(await follow('staff')).toEqual({ path: '/', added: 1 });
});

it('Current_MarkedAsThePage', async () => {
  drawn = await draw(example('staff'));
  expect(drawn.root.querySelector('a[href="/account"]')!.getAttribute('aria-current')).toBe('page');
  expect(drawn.root.querySelector('a[href="/"]')!.hasAttribute('aria-current')).toBe(false);
});
