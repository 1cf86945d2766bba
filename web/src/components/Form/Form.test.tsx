// The form pieces: the error summary takes the focus and links to each field in error; each field
// is labelled and described by its hint and its message; a failed call becomes these messages.
import { afterEach, expect, it } from 'vitest';
import { ApiError, OfflineError } from '../../api/client';
import { draw } from '../../core/draw';
import { loadTranslator } from '../../i18n';
import { examples } from './Form.examples';
import { errorsOf } from './Form';

const example = (name: string) => examples.find((e) => e.name === name)!;
let drawn: Awaited<ReturnType<typeof draw>> | undefined;
afterEach(() => drawn?.remove());

it('FieldErrors_SummaryFocusedAndLinksToEachField', async () => {
  drawn = await draw(example('field-errors'));
  await drawn.settle();
  const summary = drawn.root.querySelector('.error-summary')!;
  expect(document.activeElement).toBe(summary);
  expect(summary.getAttribute('role')).toBe('alert');
  const targets = [...summary.querySelectorAll('a')].map((a) => a.getAttribute('href'));
  expect(targets).toEqual(['#field-email', '#field-password']);
  for (const target of targets) expect(drawn.root.querySelector(target!)).not.toBeNull();
  expect(summary.textContent).toContain('Email: This is required');
});

it('FieldErrors_EachInputLabelledAndDescribedByItsHintAndMessage', async () => {
  drawn = await draw(example('field-errors'), 'ar');
  for (const input of drawn.root.querySelectorAll('input')) {
    expect(drawn.root.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = input.getAttribute('aria-describedby')!.split(' ');
    for (const id of described) expect(drawn.root.querySelector(`#${id}`)?.textContent).not.toBe('');
  }
  const password = drawn.root.querySelector('#field-password')!;
  expect(password.getAttribute('aria-describedby')).toBe('field-password-hint field-password-error');
});

it('Empty_NoSummaryAndNoInvalidField', async () => {
  drawn = await draw(example('empty'));
  expect(drawn.root.querySelector('.error-summary')).toBeNull();
  expect(drawn.root.querySelector('[aria-invalid]')).toBeNull();
  expect(drawn.root.querySelector('#field-email')!.getAttribute('aria-describedby')).toBeNull();
});

it('Busy_SubmitDisabledAndSaysSo', async () => {
  drawn = await draw(example('busy'));
  const submit = drawn.root.querySelector('button[type=submit]')!;
  expect(submit.hasAttribute('disabled')).toBe(true);
  expect(submit.getAttribute('aria-busy')).toBe('true');
});

it('ProblemWithFields_KnownFieldsGetTheirTranslatedMessageOthersGoToTheSummary', async () => {
  const { t } = await loadTranslator('fr');
  const problem = new ApiError(400, '/problems/invalid', 'Invalid', undefined, [
    { field: 'email', code: 'required' },
    { field: 'role', code: 'no_such_code', message: 'The server says why' },
  ]);
  expect(errorsOf(problem, t, ['email'])).toEqual({
    fields: { email: t('field.required') },
    summary: ['The server says why'],
  });
});

it('ProblemWithoutFields_ItsDetailInTheSummary', async () => {
  const { t } = await loadTranslator('en');
  expect(errorsOf(new ApiError(409, '/problems/conflict', 'Conflict', 'Already done', []), t, []))
    .toEqual({ summary: ['Already done'], fields: {} });
  expect(errorsOf(new OfflineError('offline'), t, []).summary).toEqual([t('error.offline')]);
  expect(errorsOf(new Error('bug'), t, []).summary).toEqual([t('error.unexpected')]);
});
