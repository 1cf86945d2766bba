// Every component folder has examples, and each example draws in English and in Arabic without a
// console error and without showing a message key instead of its text.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allExamples } from '../core/allExamples';
import { draw, keysShown } from '../core/draw';

const folders = Object.keys(import.meta.glob('./*/*.tsx')).map((path) => path.split('/')[1]);
const examples = allExamples();

afterEach(() => vi.restoreAllMocks());

it('every component folder has examples', () => {
  expect([...new Set(folders)].filter((folder) => !examples[folder]?.length)).toEqual([]);
});

for (const [component, list] of Object.entries(examples)) {
  describe(component, () => {
    for (const example of list) {
      for (const locale of ['en', 'ar']) {
        it(`${example.name} in ${locale}: draws its texts, no key and no error`, async () => {
          const errors = vi.spyOn(console, 'error');
          const drawn = await draw(example, locale);
          await drawn.settle();
          expect(drawn.root.textContent?.trim()).not.toBe('');
          expect(keysShown(drawn.root)).toEqual([]);
          expect(errors).not.toHaveBeenCalled();
          drawn.remove();
        });
      }
    }
  });
}
