// The frame: each kind of visitor gets the menu the modules declare for her, the quick exit where
// it protects her, and the notices that apply.
import { afterEach, expect, it } from 'vitest';
import { draw } from '../../core/draw';
import { examples } from './Shell.examples';

const example = (name: string) => examples.find((e) => e.name === name)!;
let drawn: Awaited<ReturnType<typeof draw>> | undefined;
afterEach(() => drawn?.remove());

const menu = (root: Element) => [...root.querySelectorAll('nav a')].map((a) => a.textContent?.trim());

it('SignedOut_QuickExitAndNoMenu', async () => {
  drawn = await draw(example('signed-out'));
  expect(drawn.root.querySelector('nav')).toBeNull();
  expect(drawn.root.querySelector('.button.exit')).not.toBeNull();
  expect(drawn.root.querySelector('.skip-link')!.getAttribute('href')).toBe('#main');
});

it('Participant_HerMenuAndTheQuickExit', async () => {
  drawn = await draw(example('participant'));
  expect(menu(drawn.root)).toEqual(['Home', 'My courses', 'Find help', 'My plan', 'My appointments', 'Your account']);
  expect(drawn.root.querySelector('.button.exit')).not.toBeNull();
});

it('Staff_TheirMenuInArabicAndNoQuickExit', async () => {
  drawn = await draw(example('staff'), 'ar');
  // An admin follows no woman: home, tasks, find help, people and her account, no caseload.
  expect(drawn.root.querySelectorAll('nav a')).toHaveLength(5);
  expect(drawn.root.querySelector('nav a[href="/find-help"]')).not.toBeNull();
  expect(drawn.root.querySelector('nav a[href="/people"]')).not.toBeNull();
  expect(drawn.root.querySelector('nav a[href="/caseload"]')).toBeNull();
  expect(menu(drawn.root).join(' ')).toMatch(/[\u0600-\u06FF]/);
  expect(drawn.root.querySelector('.button.exit')).toBeNull();
});

it('OfflineDemo_BothNotices', async () => {
  drawn = await draw(example('offline-demo'));
  expect(drawn.root.querySelector('.notice.demo')).not.toBeNull();
  expect(drawn.root.querySelector('.notice.offline[role=status]')).not.toBeNull();
});
