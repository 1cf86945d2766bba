// The typed client every screen uses. Types come from src/api/schema.d.ts, generated from the
// server's own OpenAPI document. Sends the session's CSRF token on every state-changing request
// and turns problem+json answers into ApiError with the fields in error.
import type { operations } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : undefined;
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : undefined;
type Ok<O, S extends number> = O extends { responses: Record<S, infer R> } ? JsonOf<R> : never;

export type Meta = Ok<operations['getMeta'], 200>;
export type Session = Ok<operations['getSession'], 200>;
export type User = Session['user'];
export type Role = User['memberships'][number]['role'];
export type TotpEnrolment = Ok<operations['startTotpEnrolment'], 201>;
export type RecoveryCodes = Ok<operations['confirmTotpEnrolment'], 200>;
export type OrganizationRole = BodyOf<operations['createUser']>['role'];
export type Members = Ok<operations['listMemberships'], 200>;
export type Invitation = Ok<operations['reinviteUser'], 201>['invitation'];
export type JoinCode = Ok<operations['createMembershipInvitation'], 201>;
export type Joined = Ok<operations['acceptMembershipInvitation'], 201>;
export type AccessReset = Session['access_resets'][number];
export type OwnSessions = Ok<operations['listOwnSessions'], 200>;
export type OwnSession = OwnSessions['sessions'][number];

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

// Ends the session on the server with a request that outlives the page (keep-alive), for the quick
// exit, which leaves at once. (navigator.sendBeacon cannot send the CSRF header.) Forgets the token.
export function endSessionOnLeaving() {
  if (!csrfToken) return;
  fetch('/api/v1/auth/logout', {
    method: 'POST',
    keepalive: true,
    headers: { 'X-CSRF-Token': csrfToken },
    credentials: 'same-origin',
    cache: 'no-store',
  }).catch(() => {
    // Offline: the session still ends at its idle timeout.
  });
  csrfToken = '';
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new OfflineError('offline');
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    throw new ApiError(response.status, json?.type ?? '', json?.title ?? String(response.status), json?.detail,
      json?.errors ?? []);
  }
  return json as T;
}

export const api = {
  meta: () => call<Meta>('GET', '/api/v1/meta'),
  session: () => call<Session>('GET', '/api/v1/auth/session'),
  login: (body: BodyOf<operations['login']>) => call<Session>('POST', '/api/v1/auth/login', body),
  logout: () => call<void>('POST', '/api/v1/auth/logout'),
  setLocale: (body: BodyOf<operations['setLocale']>) => call<void>('POST', '/api/v1/auth/locale', body),
  passSecondFactor: (body: BodyOf<operations['passSecondFactor']>) =>
    call<Session>('POST', '/api/v1/auth/second-factor', body),
  startTotpEnrolment: () => call<TotpEnrolment>('POST', '/api/v1/auth/totp/enrolment'),
  confirmTotpEnrolment: (body: BodyOf<operations['confirmTotpEnrolment']>) =>
    call<RecoveryCodes>('POST', '/api/v1/auth/totp/enrolment/confirm', body),
  changePassword: (body: BodyOf<operations['changePassword']>) => call<Session>('POST', '/api/v1/auth/password', body),
  ownSessions: () => call<OwnSessions>('GET', '/api/v1/auth/sessions'),
  endOwnSession: (id: string) => call<void>('DELETE', `/api/v1/auth/sessions/${encodeURIComponent(id)}`),
  endOtherOwnSessions: () => call<Ok<operations['endOtherOwnSessions'], 200>>('POST', '/api/v1/auth/sessions/end-others'),
  members: (organization: number) =>
    call<Members>('GET', `/api/v1/organizations/${organization}/memberships`),
  createUser: (organization: number, body: BodyOf<operations['createUser']>) =>
    call<{ id: number; invitation: Invitation }>('POST', `/api/v1/organizations/${organization}/users`, body),
  reinviteUser: (user: number, body: BodyOf<operations['reinviteUser']>) =>
    call<{ invitation: Invitation }>('POST', `/api/v1/users/${user}/invitation`, body),
  createMembershipInvitation: (organization: number, body: BodyOf<operations['createMembershipInvitation']>) =>
    call<JoinCode>('POST', `/api/v1/organizations/${organization}/membership-invitations`, body),
  acceptMembershipInvitation: (body: BodyOf<operations['acceptMembershipInvitation']>) =>
    call<Joined>('POST', '/api/v1/membership-invitations/accept', body),
  setDisabled: (user: number, disabled: boolean) =>
    call<unknown>('POST', `/api/v1/users/${user}/${disabled ? 'disable' : 'enable'}`),
  removeMembership: (organization: number, membership: number) =>
    call<void>('DELETE', `/api/v1/organizations/${organization}/memberships/${membership}`),
  acceptInvitation: (body: BodyOf<operations['acceptInvitation']>) =>
    call<Session>('POST', '/api/v1/invitations/accept', body),
  requestPasswordReset: (body: BodyOf<operations['requestPasswordReset']>) =>
    call<unknown>('POST', '/api/v1/auth/password-reset', body),
  completePasswordReset: (body: BodyOf<operations['completePasswordReset']>) =>
    call<void>('POST', '/api/v1/auth/password-reset/complete', body),
};
