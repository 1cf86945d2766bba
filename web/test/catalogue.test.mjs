// The message catalogues: every launch language has every key (and no other), every message is
// valid ICU MessageFormat with the same arguments as the English one, and the server has a
// catalogue for every language the app offers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';

const dir = new URL('../src/messages/', import.meta.url);
const launch = ['ca', 'es', 'it', 'en', 'fr', 'ar'];
const read = (code) => JSON.parse(readFileSync(new URL(`${code}.json`, dir), 'utf8'));
const available = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
const english = read('en');

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

test('every launch language has a catalogue', () => {
  for (const code of launch) assert.ok(available.includes(code), `missing catalogue ${code}.json`);
});

// What is wrong with a catalogue compared with the English one: missing and extra keys, invalid
// messages, messages whose arguments differ.
function problemsOf(code, messages) {
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

for (const code of available) {
  test(`${code}: same keys as English, valid ICU, same arguments`, () => {
    assert.deepEqual(problemsOf(code, read(code)), []);
  });
}

test('the check catches a missing key, a broken message and a renamed argument', () => {
  const broken = { ...english };
  delete broken['login.title'];
  broken['home.greeting'] = 'Hello, {nom}';
  broken['second_factor.recovery_text'] = '{count, plural, one {# code}';
  assert.deepEqual(problemsOf('en', broken).map((p) => p.split(':')[0]),
    ['missing login.title', 'arguments of home.greeting', 'invalid second_factor.recovery_text']);
});

test('the server speaks every language the app offers', () => {
  const server = readdirSync(new URL('../../core/i18n/messages/', import.meta.url)).map((f) => f.replace(/\.json$/, ''));
  for (const code of available) assert.ok(server.includes(code), `core/i18n/messages/${code}.json is missing`);
});
