// The API client every module uses: openapi-fetch over the paths of src/api/schema.d.ts, which is
// generated from the server's own OpenAPI document, so that a path, a parameter or a body the
// server does not describe fails the type check. Every call is same-origin, never cached, in the
// person's language, with the session's CSRF token on every state-changing request; `ok()` turns
// an answer into its data, a problem+json answer into ApiError (with its fields), and an
// unreachable network into OfflineError:
//
//   const members = await ok(api.GET('/api/v1/organizations/{organization_id}/memberships',
//     { params: { path: { organization_id: organization } } }));
import createClient from 'openapi-fetch';
import type { operations, paths } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : undefined;
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : undefined;
type Ok<O, S extends number> = O extends { responses: Record<S, infer R> } ? JsonOf<R> : never;

export type Meta = Ok<operations['getMeta'], 200>;
export type Session = Ok<operations['getSession'], 200>;
export type User = Session['user'];
export type Role = User['memberships'][number]['role'];
export type TotpEnrolment = Ok<operations['startTotpEnrolment'], 201>;
export type OrganizationRole = BodyOf<operations['createUser']>['role'];
export type Members = Ok<operations['listMemberships'], 200>;
export type Joined = Ok<operations['acceptMembershipInvitation'], 201>;
export type AccessReset = Session['access_resets'][number];
export type OwnSessions = Ok<operations['listOwnSessions'], 200>;
export type OwnSession = OwnSessions['sessions'][number];
export type CaseAssessments = Ok<operations['listCaseAssessments'], 200>;
export type DomainProgress = CaseAssessments['progress'][number];

export interface FieldError {
  field: string;
  code: string;
  message?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[],
  ) {
    super(detail ?? title);
  }
}

// Raised when the network is unreachable (offline), as opposed to an answer from the server.
export class OfflineError extends Error {}

let csrfToken = '';
let acceptLanguage = 'en';

export function setCsrfToken(token: string) {
  csrfToken = token;
}

export function setLanguage(locale: string) {
  acceptLanguage = locale;
}

export const api = createClient<paths>({
  headers: { Accept: 'application/json' },
  credentials: 'same-origin',
  cache: 'no-store',
});

api.use({
  onRequest({ request }) {
    request.headers.set('Accept-Language', acceptLanguage);
    if (request.method !== 'GET' && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onError() {
    return new OfflineError('offline');
  },
});

interface Answer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

// The data of a successful answer; throws ApiError for any other (with the problem's type, title,
// detail and field errors), OfflineError when the network is unreachable.
export async function ok<D>(pending: Promise<Answer<D>>): Promise<D> {
  const { data, error, response } = await pending;
  if (!response.ok) {
    const problem = (typeof error === 'object' && error !== null ? error : {}) as
      { type?: string; title?: string; detail?: string; errors?: FieldError[] };
    throw new ApiError(response.status, problem.type ?? '', problem.title ?? String(response.status), problem.detail,
      problem.errors ?? []);
  }
  return data as D;
}

// Ends the session on the server with a request that outlives the page (keep-alive), for the quick
// exit, which leaves at once. (navigator.sendBeacon cannot send the CSRF header.) Forgets the token.
// A plain fetch, started at once: the typed client starts its request a tick later (after its
// middleware), when the page may already have left and the request would never go.
export function endSessionOnLeaving() {
  if (!csrfToken) return;
  const logout: keyof paths = '/api/v1/auth/logout';
  fetch(logout, {
    method: 'POST',
    keepalive: true,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { 'X-CSRF-Token': csrfToken },
  }).catch(() => {
    // Offline: the session still ends at its idle timeout.
  });
  csrfToken = '';
}
