// The page of one component example, for the browser's accessibility check and screenshots
// (e2e/components.test.mjs, through Vite's development server; the build of the app leaves it
// out): examples.html?component=Form&example=field-errors&lang=ar. Without parameters, it lists
// every example (window.ponteExamples, for the test too).
import { render } from 'preact';
import '../styles.css';
import { loadTranslator } from '../i18n';
import { allExamples } from './allExamples';
import { ExampleFrame } from './examples';

declare global {
  interface Window {
    ponteExamples: { component: string; example: string }[];
    ponteReady: boolean;
  }
}

const examples = allExamples();
window.ponteExamples = Object.entries(examples).flatMap(([component, list]) =>
  list.map((example) => ({ component, example: example.name })));

const query = new URLSearchParams(location.search);
const example = examples[query.get('component') ?? '']?.find((e) => e.name === query.get('example'));
const translator = await loadTranslator(query.get('lang') ?? 'en');
document.documentElement.lang = translator.locale;
document.documentElement.dir = translator.dir;
if (example) {
  // A component that is not the whole page sits in the page's main landmark, as in the app.
  const whole = query.get('component') === 'Shell';
  render(
    <ExampleFrame translator={translator} example={example}>
      {whole ? example.draw() : <main id="main"><h1>{query.get('component')}</h1>{example.draw()}</main>}
    </ExampleFrame>,
    document.getElementById('app')!,
  );
}
window.ponteReady = true;
