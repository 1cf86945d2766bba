// Every screen every module routes to, drawn in English and in Arabic for a visitor its route
// admits (its calls to the server find no network): it has exactly one h1, which the shell focuses
// after a navigation, and shows its texts, never a message key.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../api/client';
import { draw, keysShown } from '../core/draw';
import { exampleSession } from '../core/examples';
import type { Access } from '../core/module';
import { modules } from './index';

vi.hoisted(() => {
  globalThis.fetch = () => Promise.reject(new TypeError('no network in this test'));
});

const visitor: Record<Access, Session | null> = {
  anyone: null,
  signed_out: null,
  signing_in: { ...exampleSession(['coordinator']), second_factor: 'enrolment_required' },
  signed_in: exampleSession(['org_admin']),
};

let drawn: Awaited<ReturnType<typeof draw>> | undefined;
afterEach(() => drawn?.remove());

for (const module of modules) {
  describe(module.word, () => {
    for (const route of module.routes) {
      for (const locale of ['en', 'ar']) {
        it(`${route.path} in ${locale}: one heading, its texts`, async () => {
          const Screen = route.screen;
          // A screen that loads when first opened (preact-iso's lazy) is loaded first.
          await (Screen as { preload?: () => Promise<unknown> }).preload?.();
          drawn = await draw({
            name: route.path,
            state: { session: visitor[route.access] },
            draw: () => <Screen {...route.props} />,
          }, locale);
          await drawn.settle();
          expect(drawn.root.querySelectorAll('h1')).toHaveLength(1);
          expect(drawn.root.querySelector('h1')!.textContent?.trim()).not.toBe('');
          expect(keysShown(drawn.root)).toEqual([]);
        });
      }
    }
  });
}
