// The client's contract with the server, over a stand-in for the network: same-origin credentials,
// never cached, the person's language, the CSRF token on state-changing calls only, typed paths
// filled in; a problem+json answer becomes ApiError with its fields, an unreachable network
// OfflineError, an empty answer no data.
import { beforeAll, beforeEach, expect, it, vi } from 'vitest';

let answer: () => Promise<Response>;
// A request as made, with what it was made with (happy-dom's Request does not keep the cache mode).
class Made extends Request {
  constructor(input: RequestInfo | URL, readonly init?: RequestInit) {
    super(input, init);
  }
}
const sent: Made[] = [];
let client: typeof import('./client');

beforeAll(async () => {
  // openapi-fetch takes the global fetch and Request when the client is made, so they are replaced first.
  vi.stubGlobal('Request', Made);
  vi.stubGlobal('fetch', (request: Made) => {
    sent.push(request);
    return answer();
  });
  client = await import('./client');
});

beforeEach(() => {
  sent.length = 0;
  client.setCsrfToken('');
  client.setLanguage('en');
});

const json = (status: number, body: unknown, type = 'application/json') =>
  async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

it('Get_SameOriginNoStoreInHerLanguageWithoutCsrfToken', async () => {
  client.setCsrfToken('token-1');
  client.setLanguage('ar');
  answer = json(200, { items: [] });
  const { api, ok } = client;
  expect(await ok(api.GET('/api/v1/organizations/{organization_id}/memberships',
    { params: { path: { organization_id: '3' } } }))).toEqual({ items: [] });
  const [request] = sent;
  expect(new URL(request.url).pathname).toBe('/api/v1/organizations/3/memberships');
  expect(request.method).toBe('GET');
  expect(request.credentials).toBe('same-origin');
  expect(request.init?.cache).toBe('no-store');
  expect(request.headers.get('Accept-Language')).toBe('ar');
  expect(request.headers.get('Accept')).toBe('application/json');
  expect(request.headers.has('X-CSRF-Token')).toBe(false);
});

it('Post_CarriesTheCsrfTokenAndAJsonBody', async () => {
  client.setCsrfToken('token-2');
  answer = async () => new Response(null, { status: 204 });
  const { api, ok } = client;
  expect(await ok(api.POST('/api/v1/auth/locale', { body: { locale: 'fr' } }))).toBeUndefined();
  const [request] = sent;
  expect(request.headers.get('X-CSRF-Token')).toBe('token-2');
  expect(request.headers.get('Content-Type')).toBe('application/json');
  expect(await request.json()).toEqual({ locale: 'fr' });
});

it('Problem_BecomesApiErrorWithItsFields', async () => {
  answer = json(400, {
    type: '/problems/invalid-body', title: 'Invalid', detail: 'The body is not valid',
    errors: [{ field: 'email', code: 'required' }],
  }, 'application/problem+json');
  const { api, ok, ApiError } = client;
  const failure = await ok(api.POST('/api/v1/auth/login', { body: { email: '', password: 'x' } })).catch((e) => e);
  expect(failure).toBeInstanceOf(ApiError);
  expect(failure).toMatchObject({ status: 400, type: '/problems/invalid-body', title: 'Invalid',
    detail: 'The body is not valid', errors: [{ field: 'email', code: 'required' }] });
});

it('AnswerWithoutProblem_ApiErrorWithTheStatus', async () => {
  answer = async () => new Response('Bad gateway', { status: 502 });
  const { api, ok } = client;
  await expect(ok(api.GET('/api/v1/meta'))).rejects.toMatchObject({ status: 502, title: '502', errors: [] });
});

it('Unreachable_OfflineError', async () => {
  answer = async () => {
    throw new TypeError('Failed to fetch');
  };
  const { api, ok, OfflineError } = client;
  await expect(ok(api.GET('/api/v1/auth/session'))).rejects.toBeInstanceOf(OfflineError);
});
