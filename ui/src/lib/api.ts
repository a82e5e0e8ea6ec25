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

  constructor(code: ApiErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }
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
  if (isErrorPayload(reason)) return new ApiError(reason.code, reason.message, reason.field ?? undefined);
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

/** The browser transport: `POST /api/<command>` with the JSON arguments as body. */
export function httpTransport(fetchImpl: typeof fetch = fetch, base = ''): Transport {
  return async (command, args) => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}/api/${encodeURIComponent(command)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(args ?? null),
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
    if (isErrorPayload(value)) throw new ApiError(value.code, value.message, value.field ?? undefined);
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

/** Calls a core command with type-checked arguments and result. */
export async function call<K extends keyof Commands>(
  command: K,
  args: Commands[K]['args'],
): Promise<Commands[K]['result']> {
  transport ??= defaultTransport();
  try {
    return (await transport(command, args)) as Commands[K]['result'];
  } catch (reason) {
    throw toApiError(reason);
  }
}
