import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  call,
  defaultTransport,
  httpSessions,
  httpTransport,
  isTauri,
  onSignInNeeded,
  tauriSessions,
  setTransport,
  tauriTransport,
  toApiError,
} from './api';

function jsonResponse(status: number, body: unknown, statusText = ''): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    statusText,
    headers: { 'Content-Type': 'application/json' },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setTransport(null);
});

describe('transport selection', () => {
  it('uses Tauri IPC inside the desktop window', () => {
    expect(isTauri({ __TAURI_INTERNALS__: {} })).toBe(true);
  });

  it('uses HTTP in a plain browser', () => {
    expect(isTauri({})).toBe(false);
  });

  it('picks IPC when the page finds Tauri’s internals on window', async () => {
    const invoke = vi.fn(async () => ({ ok: true }));
    vi.stubGlobal('__TAURI_INTERNALS__', { invoke, transformCallback: () => 0 });
    // @tauri-apps/api reads its internals from `window`, which is globalThis in a page.
    vi.stubGlobal('window', globalThis);
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    await expect(defaultTransport()('list_articles', {})).resolves.toEqual({ ok: true });
    expect(invoke).toHaveBeenCalledWith(
      'api',
      { command: 'list_articles', args: {} },
      undefined,
    );
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('picks fetch when there is no Tauri', async () => {
    const fetchSpy = vi.fn(async () => jsonResponse(200, [1, 2]));
    vi.stubGlobal('fetch', fetchSpy);
    await expect(defaultTransport()('list_articles', {})).resolves.toEqual([1, 2]);
    expect(fetchSpy).toHaveBeenCalledOnce();
  });
});

describe('httpTransport', () => {
  it('posts the arguments as JSON to /api/<command>', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, { id: 7 }));
    const result = await httpTransport(fetchImpl)('set_status', { claim_id: 7, status: 'verified' });
    expect(result).toEqual({ id: 7 });
    expect(fetchImpl).toHaveBeenCalledWith('/api/set_status', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ claim_id: 7, status: 'verified' }),
      credentials: 'same-origin',
    });
  });

  it('keeps a conflict’s field and the colleague who made the change', async () => {
    const fetchImpl = vi.fn(async () =>
      jsonResponse(409, { code: 'conflict', message: 'Sam Chen changed the status', field: 'status', changed_by: 'Sam Chen' }),
    );
    const error = await httpTransport(fetchImpl)('set_status', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).field).toBe('status');
    expect((error as ApiError).changedBy).toBe('Sam Chen');
  });

  it('rejects with the core’s code and message on an error status', async () => {
    const fetchImpl = vi.fn(async () =>
      jsonResponse(422, { code: 'invalid_url', message: 'Only http and https links can be evidence.' }),
    );
    const error = await httpTransport(fetchImpl)('add_evidence', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'invalid_url',
      message: 'Only http and https links can be evidence.',
    });
  });

  it('says the server is unreachable when the connection fails', async () => {
    const fetchImpl = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(httpTransport(fetchImpl)('list_articles', {})).rejects.toMatchObject({
      code: 'unreachable',
    });
  });

  it('does not mistake an HTML error page for the API', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(502, '<html>Bad gateway</html>', 'Bad Gateway'));
    await expect(httpTransport(fetchImpl)('list_articles', {})).rejects.toMatchObject({
      code: 'bad_response',
    });
  });

  it('reports an error status without a payload as a bad response', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(500, { oops: true }));
    await expect(httpTransport(fetchImpl)('list_articles', {})).rejects.toMatchObject({
      code: 'bad_response',
    });
  });
});

describe('tauriTransport', () => {
  it('invokes the single api command with the command name and arguments', async () => {
    const invoke = vi.fn(async () => [{ id: 1 }]);
    await expect(tauriTransport(invoke)('list_articles', {})).resolves.toEqual([{ id: 1 }]);
    expect(invoke).toHaveBeenCalledWith('api', { command: 'list_articles', args: {} });
  });

  it('passes the core’s ErrorPayload through as an ApiError', async () => {
    const invoke = vi.fn(async () => {
      throw { code: 'database_too_new', message: 'This database was written by a newer ClaimDesk.' };
    });
    await expect(tauriTransport(invoke)('list_articles', {})).rejects.toMatchObject({
      name: 'ApiError',
      code: 'database_too_new',
      message: 'This database was written by a newer ClaimDesk.',
    });
  });

  it('maps a plain string rejection from the shell to an internal error', async () => {
    const invoke = vi.fn(async () => {
      throw 'invalid args `args` for command `api`';
    });
    await expect(tauriTransport(invoke)('x', {})).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('toApiError', () => {
  it('keeps an ApiError as it is', () => {
    const error = new ApiError('not_found', 'gone');
    expect(toApiError(error)).toBe(error);
  });
});

describe('call', () => {
  it('hands the command and its arguments to the transport and returns the result', async () => {
    const transport = vi.fn(async () => ({ id: 3, title: 'x' }));
    setTransport(transport);
    await expect(call('get_article', { id: 3 })).resolves.toEqual({ id: 3, title: 'x' });
    expect(transport).toHaveBeenCalledWith('get_article', { id: 3 });
  });

  it('always rejects with an ApiError, whatever the transport threw', async () => {
    setTransport(async () => {
      throw new TypeError('boom');
    });
    const error = await call('app_info', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'internal' });
  });
});

describe('sessions', () => {
  it('signs in with POST /api/login and tells the window when a session has ended', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, { name: 'Ana Ruiz', admin: false, expires_at: '2025-03-14T21:00:00Z' }));
    const session = await httpSessions(fetchImpl).signIn('Ana Ruiz', 'correct horse battery');
    expect(session.name).toBe('Ana Ruiz');
    expect(fetchImpl).toHaveBeenCalledWith('/api/login', expect.objectContaining({ method: 'POST' }));

    let told = 0;
    const stop = onSignInNeeded(() => told++);
    setTransport(async () => {
      throw { code: 'unauthenticated', message: 'sign in first' };
    });
    await expect(call('app_info', {})).rejects.toMatchObject({ code: 'unauthenticated' });
    stop();
    expect(told).toBe(1);
  });

  it('signs in from the desktop window through the shell, never holding the session', async () => {
    const invokeImpl = vi.fn(async () => ({ name: 'Ana Ruiz', admin: false, expires_at: '2025-03-14T21:00:00Z' }));
    await tauriSessions(invokeImpl).signIn('Ana Ruiz', 'pw');
    expect(invokeImpl).toHaveBeenCalledWith('sign_in', { name: 'Ana Ruiz', password: 'pw' });
  });
});
