// The People list against a stand-in for the server: it comes a page at a time (the next page on
// asking for more, with the cursor the server gave), and disabling names the version of the
// account the admin read (If-Match with its user_etag).
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { draw as drawType } from '../../core/draw';

const sent: Request[] = [];
const member = (id: number, name: string, etag: string) =>
  ({ id, user_id: id + 100, display_name: name, role: 'participant', disabled: false, user_etag: etag });

function answer(request: Request): Response {
  const url = new URL(request.url);
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  if (url.pathname === '/api/v1/organizations/1/memberships') {
    return url.searchParams.get('cursor') === 'page-2'
      ? json({ items: [member(2, 'Bahar', '"5"')], next_cursor: null })
      : json({ items: [member(1, 'Aylin', '"1"')], next_cursor: 'page-2' });
  }
  if (url.pathname.endsWith('/disable')) return json({ id: 102, disabled: true });
  return new Response(null, { status: 404 });
}

let draw: typeof drawType;
let People: typeof import('./People').People;
let exampleSession: typeof import('../../core/examples').exampleSession;

beforeAll(async () => {
  // openapi-fetch takes the global fetch when the client is made, so it is replaced first.
  vi.stubGlobal('fetch', async (request: Request) => {
    sent.push(request);
    return answer(request);
  });
  ({ draw } = await import('../../core/draw'));
  ({ People } = await import('./People'));
  ({ exampleSession } = await import('../../core/examples'));
});

let drawn: Awaited<ReturnType<typeof draw>> | undefined;
afterEach(() => drawn?.remove());

const names = (root: Element) =>
  [...root.querySelectorAll('table.members tbody tr td:first-child')].map((cell) => cell.textContent?.trim());
const button = (root: Element, text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement | undefined;

it('Members_ComeAPageAtATime_AndDisablingSendsTheVersionRead', async () => {
  drawn = await draw({ name: 'people', state: { session: exampleSession(['org_admin']) }, draw: () => <People /> });
  await vi.waitFor(() => expect(names(drawn!.root)).toEqual(['Aylin']));

  button(drawn.root, 'Show more people')!.click();
  await vi.waitFor(() => expect(names(drawn!.root)).toEqual(['Aylin', 'Bahar']));
  expect(button(drawn.root, 'Show more people')).toBeUndefined();
  expect(new URL(sent.at(-1)!.url).searchParams.get('cursor')).toBe('page-2');

  const bahar = [...drawn.root.querySelectorAll('table.members tbody tr')][1];
  ([...bahar.querySelectorAll('button')].find((b) => b.textContent === 'Disable') as HTMLButtonElement).click();
  await vi.waitFor(() => expect(sent.some((request) => request.url.endsWith('/disable'))).toBe(true));
  const disable = sent.find((request) => request.url.endsWith('/api/v1/users/102/disable'));
  expect(disable?.method).toBe('POST');
  expect(disable?.headers.get('If-Match')).toBe('"5"');
});

it('OwnRow_SaysItIsHerWithoutActions_InACellShapedLikeTheOthers', async () => {
  const herself = exampleSession(['org_admin'], 'Aylin');
  herself.user.id = member(1, 'Aylin', '"1"').user_id;
  drawn = await draw({ name: 'people-own-row', state: { session: herself }, draw: () => <People /> });
  await vi.waitFor(() => expect(names(drawn!.root)).toEqual(['Aylin']));
  button(drawn.root, 'Show more people')!.click();
  await vi.waitFor(() => expect(names(drawn!.root)).toEqual(['Aylin', 'Bahar']));

  const rows = [...drawn.root.querySelectorAll<HTMLTableRowElement>('table.members tbody tr')];
  expect(rows.map((row) => row.cells.length)).toEqual([3, 3]);
  const [own, other] = rows.map((row) => row.cells[2]);
  expect(own.className).toBe(other.className);
  expect(own.querySelectorAll('button')).toHaveLength(0);
  expect(own.querySelector('.members__self')?.textContent).toBe('This is you');
  expect(other.querySelectorAll('.members__buttons button')).toHaveLength(3);
});
