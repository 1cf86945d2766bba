// The message catalogues, the core one (src/messages/) and each module's
// (src/modules/<word>/messages/): every launch language has each of them, with every key of the
// English one (and no other), every message valid ICU MessageFormat with the same arguments as the
// English one; a module's keys start with its word and no key is in two catalogues; every key the
// sources name is in a catalogue; and the server has a catalogue for every language the app offers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';

const src = new URL('../src/', import.meta.url);
const launch = ['ca', 'es', 'it', 'en', 'fr', 'ar'];
const words = readdirSync(new URL('modules/', src), { withFileTypes: true }).filter((d) => d.isDirectory())
  .map((d) => d.name);
// Each catalogue: its name, its folder, and the prefix its keys must have (none for the core).
const catalogues = [
  { name: 'core', dir: new URL('messages/', src), prefix: '' },
  ...words.map((word) => ({ name: word, dir: new URL(`modules/${word}/messages/`, src), prefix: `${word}.` })),
];
const read = (dir, code) => JSON.parse(readFileSync(new URL(`${code}.json`, dir), 'utf8'));
const languagesIn = (dir) => readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));

// The arguments of a message's AST: name -> element type (1 plain, 2 number, 3 date, 4 time,
// 5 select, 6 plural).
function typesOf(elements, into = {}) {
  for (const element of elements) {
    if (typeof element.value === 'string' && element.type !== 0 && element.type !== 7) into[element.value] = element.type;
    for (const option of Object.values(element.options ?? {})) typesOf(option.value, into);
  }
  return into;
}
const argumentsOf = (elements) => Object.keys(typesOf(elements)).sort();
// A value of the right kind for each argument, to format every message once.
function samples(elements) {
  const kinds = { 2: 3, 3: new Date(0), 4: new Date(0), 6: 3 };
  return Object.fromEntries(Object.entries(typesOf(elements)).map(([name, type]) => [name, kinds[type] ?? 'Amina']));
}

// What is wrong with a catalogue compared with the English one: missing and extra keys, invalid
// messages, messages whose arguments differ.
function problemsOf(code, messages, english) {
  const problems = [];
  for (const key of Object.keys(english)) if (!(key in messages)) problems.push(`missing ${key}`);
  for (const key of Object.keys(messages)) if (!(key in english)) problems.push(`extra ${key}`);
  for (const [key, text] of Object.entries(messages)) {
    if (!(key in english)) continue;
    try {
      const format = new IntlMessageFormat(text, code);
      const reference = new IntlMessageFormat(english[key], 'en');
      if (argumentsOf(format.getAst()).join() !== argumentsOf(reference.getAst()).join()) {
        problems.push(`arguments of ${key}`);
        continue;
      }
      format.format(samples(reference.getAst()));
    } catch (error) {
      problems.push(`invalid ${key}: ${error.message}`);
    }
  }
  return problems;
}

const available = languagesIn(catalogues[0].dir);

test('every launch language has a core catalogue', () => {
  for (const code of launch) assert.ok(available.includes(code), `missing messages/${code}.json`);
});

test('there is at least one module, and every module folder has its declaration', () => {
  assert.ok(words.length > 0);
  for (const word of words) assert.ok(existsSync(new URL(`modules/${word}/module.ts`, src)), `modules/${word}/module.ts`);
});

for (const { name, dir, prefix } of catalogues) {
  const english = read(dir, 'en');
  test(`${name}: a catalogue in every language the app offers, and no other`, () => {
    assert.deepEqual(languagesIn(dir).sort(), [...available].sort());
  });
  for (const code of available) {
    test(`${name} ${code}: same keys as English, valid ICU, same arguments`, () => {
      assert.deepEqual(problemsOf(code, read(dir, code), english), []);
    });
  }
  test(`${name}: every key starts with the module's word, and no core key looks like a module's`, () => {
    const keys = Object.keys(english);
    if (prefix) assert.deepEqual(keys.filter((key) => !key.startsWith(prefix)), []);
    else assert.deepEqual(keys.filter((key) => words.some((word) => key.startsWith(`${word}.`))), []);
  });
}

test('the check catches a missing key, a broken message and a renamed argument', () => {
  const english = read(new URL('modules/account/messages/', src), 'en');
  const broken = { ...english };
  delete broken['account.login.title'];
  broken['account.join.done'] = 'You are now {role} at {organisation}.';
  broken['account.second_factor.recovery_text'] = '{count, plural, one {# code}';
  assert.deepEqual(problemsOf('en', broken, english).map((p) => p.split(':')[0]).sort(),
    ['arguments of account.join.done', 'invalid account.second_factor.recovery_text', 'missing account.login.title']);
});

// The sources, for the keys they name: t('a.b') and t(`a.${x}`) (a prefix to match).
function sourcesIn(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const url = new URL(entry.name + (entry.isDirectory() ? '/' : ''), dir);
    if (entry.isDirectory()) return sourcesIn(url);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [[url, readFileSync(url, 'utf8')]] : [];
  });
}

test('every message key the sources name is in a catalogue', () => {
  const known = new Set(catalogues.flatMap(({ dir }) => Object.keys(read(dir, 'en'))));
  const missing = [];
  for (const [url, text] of sourcesIn(src)) {
    const file = url.pathname.replace(/^.*\/src\//, '');
    // t('key'), and the label: 'key' of a navigation entry.
    for (const [, key] of text.matchAll(/\b(?:t|label:)\s*\(?\s*'([a-z_]+(?:\.[a-z0-9_]+)+)'/g)) {
      if (!known.has(key)) missing.push(`${file}: ${key}`);
    }
    for (const [, prefix] of text.matchAll(/\bt\(`([a-z_]+(?:\.[a-z0-9_]+)*\.)\$\{/g)) {
      if (![...known].some((key) => key.startsWith(prefix))) missing.push(`${file}: ${prefix}*`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the server speaks every language the app offers', () => {
  const server = readdirSync(new URL('../../core/i18n/messages/', import.meta.url)).map((f) => f.replace(/\.json$/, ''));
  for (const code of available) assert.ok(server.includes(code), `core/i18n/messages/${code}.json is missing`);
});
