// Linking her account on the case screen, against a stand-in for the server: her worker enters
// its number and links it (PUT); a number that is no participant of the organization is said at
// the field; a linked account says its number and may be unlinked (DELETE).
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { draw as drawType } from '../../core/draw';
import type { CaseFile } from './records';

const sent: Request[] = [];
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

async function answer(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname !== '/api/v1/cases/5/account') return new Response(null, { status: 404 });
  if (request.method === 'DELETE') return new Response(null, { status: 204 });
  const { user_id: user } = await request.clone().json();
  if (user === 12) return json({ user_id: 12, display_name: 'Leila' });
  return json({ title: 'Problem', status: 422, errors: [{ field: 'user_id', code: 'not_found' }] }, 422,
    'application/problem+json');
}

let draw: typeof drawType;
let HerAccount: typeof import('./HerAccount').HerAccount;
beforeAll(async () => {
  vi.stubGlobal('fetch', async (request: Request) => {
    sent.push(request);
    return answer(request);
  });
  ({ draw } = await import('../../core/draw'));
  ({ HerAccount } = await import('./HerAccount'));
});

let drawn: Awaited<ReturnType<typeof draw>> | undefined;
afterEach(() => {
  drawn?.remove();
  sent.length = 0;
});
const $ = <E extends Element = HTMLElement>(selector: string) => drawn!.root.querySelector<E>(selector);
const file = (account: number | null) => ({ id: 5, account_user_id: account }) as unknown as CaseFile;
const show = (account: number | null, onChanged = () => {}) =>
  draw({ name: 'account', draw: () => <HerAccount file={file(account)} changes onChanged={onChanged} /> }, 'en');
const type = async (value: string) => {
  const field = $<HTMLInputElement>('#field-user_id')!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await drawn!.settle();
};
const submit = () => $<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));

it('NotLinked_HerWorkerLinksHerAccountByItsNumber', async () => {
  const changed = vi.fn();
  drawn = await show(null, changed);
  expect($('#her-account-state')!.textContent).toMatch(/^No account of hers is linked/);
  await type('12');
  submit();
  await vi.waitFor(() => expect(changed).toHaveBeenCalled());
  expect(sent[0].method).toBe('PUT');
  expect(await sent[0].clone().json()).toEqual({ user_id: 12 });
});

it('ANumberThatIsNoParticipant_IsSaidAtTheField', async () => {
  drawn = await show(null);
  submit();
  await drawn.settle();
  expect($('#field-user_id-error')!.textContent).toBe('Enter the number of her account');
  expect(sent).toHaveLength(0);
  await type('99');
  submit();
  await vi.waitFor(() => expect(sent).toHaveLength(1));
  await vi.waitFor(() => expect($('#field-user_id-error')!.textContent).toBe('This does not exist'));
});

it('Linked_SaysItsNumber_AndUnlinks', async () => {
  const changed = vi.fn();
  drawn = await show(12, changed);
  expect($('#her-account-state')!.textContent).toContain('(number 12)');
  $<HTMLButtonElement>('button')!.click();
  await vi.waitFor(() => expect(changed).toHaveBeenCalled());
  expect(sent[0].method).toBe('DELETE');
});
