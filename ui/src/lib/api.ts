/**
 * The one door from the UI to the ClaimDesk core.
 *
 * In the desktop window the core is reached over Tauri IPC (`invoke('api', {command, args})`);
 * in a browser, over `POST /api/<command>` of `claimdesk serve`. Both run the same
 * `claimdesk::api::dispatch`, so the code above this module does not know which it talks to.
 * Every failure arrives as an {@link ApiError} with a stable `code`: the UI branches on the
 * code and shows the message, and never inspects message text.
 */
import { invoke } from '@tauri-apps/api/core';
import type { Commands } from '../bindings/Commands';
import type { ErrorKind } from '../bindings/ErrorKind';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { SessionInfo } from '../bindings/SessionInfo';

/**
 * Codes of failures that happen before the core is reached, so the core has no kind for them:
 * the server cannot be reached, or it answered something that is not ClaimDesk's API.
 */
export type TransportErrorCode = 'unreachable' | 'bad_response';

/** What `ApiError.code` can be: an `ErrorKind` of the core, or a transport failure. */
export type ApiErrorCode = ErrorKind | TransportErrorCode;

/**
 * A failed call. It has the `{code, message, field?}` shape of the core's `ErrorPayload`:
 * `field` names the setting or argument the error is about (`organisation_url`), when it is
 * about one, so the UI can point at that field.
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  /** For a `conflict` with a colleague's change: who made it. */
  readonly changedBy: string | undefined;

  constructor(code: ApiErrorCode, message: string, field?: string, changedBy?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
    this.changedBy = changedBy;
  }
}

function fromPayload(payload: ErrorPayload): ApiError {
  return new ApiError(payload.code, payload.message, payload.field ?? undefined, payload.changed_by ?? undefined);
}

/** Sends one command with its arguments and resolves with the result, or rejects with ApiError. */
export type Transport = (command: string, args: unknown) => Promise<unknown>;

/** Whether this page runs inside the ClaimDesk desktop window. */
export function isTauri(scope: object = globalThis): boolean {
  return '__TAURI_INTERNALS__' in scope;
}

function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorPayload).code === 'string' &&
    typeof (value as ErrorPayload).message === 'string'
  );
}

/** Turns whatever a transport rejected with into an ApiError. */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (isErrorPayload(reason)) return fromPayload(reason);
  // Anything else is a bug on our side: Tauri rejects with a plain string when the call never
  // reached our command (arguments it could not deserialize), and a throw in the UI's own code
  // lands here too.
  const detail = reason instanceof Error ? reason.message : String(reason);
  return new ApiError('internal', `ClaimDesk could not complete the request: ${detail}`);
}

/** What the desktop transport needs of Tauri's `invoke`. */
export type Invoke = (command: string, args: { command: string; args: unknown }) => Promise<unknown>;

/** The desktop transport: Tauri IPC into the shell's single `api` command. */
export function tauriTransport(invokeImpl: Invoke = invoke): Transport {
  return async (command, args) => {
    try {
      return await invokeImpl('api', { command, args });
    } catch (reason) {
      throw toApiError(reason);
    }
  };
}

/**
 * The browser transport: `POST /api/<command>` with the JSON arguments as body. The session
 * (on a desk that needs sign-in) is the browser's cookie, sent with every same-origin call.
 */
export function httpTransport(fetchImpl: typeof fetch = fetch, base = ''): Transport {
  return async (command, args) => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}/api/${encodeURIComponent(command)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(args ?? null),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(
        'unreachable',
        'ClaimDesk’s server cannot be reached. Check that `claimdesk serve` is still running, then try again.',
      );
    }
    const body = await response.text();
    let value: unknown;
    try {
      value = body === '' ? null : JSON.parse(body);
    } catch {
      throw new ApiError(
        'bad_response',
        `The server answered ${response.status} ${response.statusText} with something that is not ClaimDesk’s API. Is this address really ClaimDesk?`,
      );
    }
    if (response.ok) return value;
    if (isErrorPayload(value)) throw fromPayload(value);
    throw new ApiError(
      'bad_response',
      `The server answered ${response.status} ${response.statusText} without saying why.`,
    );
  };
}

/** The transport for where this page runs. */
export function defaultTransport(): Transport {
  return isTauri() ? tauriTransport() : httpTransport();
}

let transport: Transport | null = null;

/** Replaces the transport (tests). */
export function setTransport(next: Transport | null): void {
  transport = next;
}

type SessionListener = () => void;
const sessionEnded = new Set<SessionListener>();

/**
 * Calls `listener` whenever a call finds that the editor must sign in (the session ended or
 * was never there), until the returned function is called. The window then shows the
 * sign-in page.
 */
export function onSignInNeeded(listener: SessionListener): () => void {
  sessionEnded.add(listener);
  return () => sessionEnded.delete(listener);
}

/** Calls a core command with type-checked arguments and result. */
export async function call<K extends keyof Commands>(
  command: K,
  args: Commands[K]['args'],
): Promise<Commands[K]['result']> {
  transport ??= defaultTransport();
  try {
    return (await transport(command, args)) as Commands[K]['result'];
  } catch (reason) {
    const error = toApiError(reason);
    if (error.code === 'unauthenticated') for (const listener of [...sessionEnded]) listener();
    throw error;
  }
}

/** What signing in and out needs of a transport. */
export interface Sessions {
  signIn: (name: string, password: string) => Promise<SessionInfo>;
  signOut: () => Promise<void>;
}

/**
 * Signing in over HTTP: `POST /api/login` sets the session cookie (HttpOnly: this page never
 * sees the token), `POST /api/logout` ends it.
 */
export function httpSessions(fetchImpl: typeof fetch = fetch, base = ''): Sessions {
  const post = httpTransport(fetchImpl, base);
  return {
    signIn: async (name, password) => (await post('login', { name, password })) as SessionInfo,
    signOut: async () => {
      await post('logout', null);
    },
  };
}

/**
 * Signing in from the desktop window: the shell signs in to the shared desk and keeps the
 * session; the page never holds it.
 */
export function tauriSessions(invokeImpl: (command: string, args?: Record<string, unknown>) => Promise<unknown> = invoke): Sessions {
  return {
    signIn: async (name, password) => {
      try {
        return (await invokeImpl('sign_in', { name, password })) as SessionInfo;
      } catch (reason) {
        throw toApiError(reason);
      }
    },
    signOut: async () => {
      try {
        await invokeImpl('sign_out');
      } catch (reason) {
        throw toApiError(reason);
      }
    },
  };
}

let sessions: Sessions | null = null;

/** Replaces how signing in works (tests). */
export function setSessions(next: Sessions | null): void {
  sessions = next;
}

function currentSessions(): Sessions {
  sessions ??= isTauri() ? tauriSessions() : httpSessions();
  return sessions;
}

/** Signs the editor in to the desk (a desk server, or the shared desk the desktop app is on). */
export function signIn(name: string, password: string): Promise<SessionInfo> {
  return currentSessions().signIn(name, password);
}

/** Signs the editor out. */
export function signOut(): Promise<void> {
  return currentSessions().signOut();
}
