// Draws a component's example into the test's document (happy-dom), in a language, as the browser
// would: the unit tests of components and modules use it.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { loadTranslator } from '../i18n';
import { ExampleFrame, type Example } from './examples';

export async function draw(example: Example, locale = 'en') {
  const translator = await loadTranslator(locale);
  document.documentElement.lang = translator.locale;
  document.documentElement.dir = translator.dir;
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(<ExampleFrame translator={translator} example={example} />, root));
  return {
    root,
    translator,
    // Lets effects and state updates finish.
    settle: () => act(async () => {}),
    remove: () => {
      act(() => render(null, root));
      root.remove();
    },
  };
}

// The texts of the page that are a message key (what t() shows for a key no catalogue has).
export function keysShown(root: Element) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const shown: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim() ?? '';
    if (/^[a-z_]+(\.[a-z0-9_]+)+$/.test(text)) shown.push(text);
  }
  return shown;
}
