/** amis's requests inside the console: every answer reaches amis, with the console's reactions. */
import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  type AmisEnvOptions,
  createAmisEnv,
  ELSEWHERE_MESSAGE,
  PREVIEW_WRITE_MESSAGE,
} from './amis-env';

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

function setup(response: Response, overrides: Partial<AmisEnvOptions> = {}) {
  const fetch = vi.fn((_url: string, _init: RequestInit) => Promise.resolve(response.clone()));
  vi.stubGlobal('fetch', fetch);
  const options = {
    navigate: vi.fn(),
    onSignedOut: vi.fn(),
    onConflict: vi.fn(),
    dataApi: 'http://rt/',
    ...overrides,
  };
  return { fetch, options, env: createAmisEnv(options) };
}

afterEach(() => vi.unstubAllGlobals());

describe('the amis fetcher', () => {
  it('hands a 422 to amis as it came, so the field errors show beside their fields', async () => {
    const body = { status: 422, msg: 'Some fields need attention', errors: { total: 'Too low' } };
    const { fetch, env } = setup(answer(422, body));
    const result = await env.fetcher({
      url: 'http://rt/api/v1/shop/order',
      method: 'post',
      data: { total: -5 },
    });
    expect(result).toMatchObject({ status: 422, data: body });
    const init = fetch.mock.calls[0]![1];
    expect(init).toMatchObject({ method: 'POST', credentials: 'include', body: '{"total":-5}' });
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect((init.headers as Record<string, string>)['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends no body with a GET, and passes form data as it is', async () => {
    const { fetch, env } = setup(answer(200, { status: 0, msg: '', data: { items: [] } }));
    await env.fetcher({ url: 'http://rt/x?page=1', method: 'get', data: { page: 1 } });
    expect(fetch.mock.calls[0]![1].body).toBeUndefined();
    const form = new FormData();
    await env.fetcher({ url: 'http://rt/x/import', method: 'post', data: form });
    expect(fetch.mock.calls[1]![1].body).toBe(form);
  });

  it('signs out on 401, and offers a reload for a write refused with 409 (one toast)', async () => {
    const signedOut = setup(answer(401, { status: 401, msg: 'Sign in' }));
    await signedOut.env.fetcher({ url: 'http://rt/x', method: 'get' });
    expect(signedOut.options.onSignedOut).toHaveBeenCalledOnce();

    const msg = 'This order was changed by someone else (now version 2)';
    const stale = setup(answer(409, { status: 409, msg }));
    await stale.env.fetcher({ url: 'http://rt/x/1', method: 'put', data: { version: 1 } });
    expect(stale.options.onConflict).toHaveBeenCalledWith(msg);

    // A value already taken is a 409 too, but with the field's error: no reload offered, and
    // amis gets it as a 422 envelope, the only one whose field errors it shows.
    const body = {
      status: 409,
      msg: 'Another customer already has this email',
      errors: { email: 'Already in use' },
    };
    const taken = setup(answer(409, body));
    const result = await taken.env.fetcher({ url: 'http://rt/x', method: 'post', data: {} });
    expect(result).toMatchObject({ status: 409, data: { ...body, status: 422 } });
    expect(taken.options.onConflict).not.toHaveBeenCalled();
  });

  it('in a preview, sends reads and answers writes itself without sending them', async () => {
    const { fetch, env } = setup(answer(200, { status: 0, msg: '', data: {} }), {
      readOnly: true,
    });
    await env.fetcher({ url: 'http://rt/x?page=1', method: 'get' });
    expect(fetch).toHaveBeenCalledOnce();
    for (const method of ['post', 'put', 'patch', 'delete'])
      expect(await env.fetcher({ url: 'http://rt/x/1', method, data: { a: 1 } })).toEqual({
        status: 200,
        headers: {},
        data: { status: 1, msg: PREVIEW_WRITE_MESSAGE },
      });
    expect(fetch).toHaveBeenCalledOnce();
  });

  it("turns a non-JSON failure into amis's failure envelope", async () => {
    const { env } = setup(new Response('Bad gateway', { status: 502 }));
    const result = await env.fetcher({ url: 'http://rt/x', method: 'get' });
    expect(result).toMatchObject({ status: 502, data: { status: 502, msg: 'Bad gateway' } });
  });

  it('keeps links inside the console in its router', () => {
    const { env, options } = setup(answer(200, {}));
    env.jumpTo('/data/shop/order');
    expect(options.navigate).toHaveBeenCalledWith('/data/shop/order');
  });

  it('sends nothing anywhere but the data API, whatever the page asks', async () => {
    const { fetch, env } = setup(answer(200, { status: 0, msg: '', data: {} }), {
      dataApi: 'http://rt/api/v1/shop/',
    });
    for (const url of [
      'https://evil.example/collect',
      '//evil.example/api/v1/shop/order',
      'http://rt/api/v1/other/order',
      'http://rt/api/auth/token',
    ])
      expect(await env.fetcher({ url, method: 'post', data: { secret: 1 } })).toEqual({
        status: 200,
        headers: {},
        data: { status: 403, msg: ELSEWHERE_MESSAGE },
      });
    expect(fetch).not.toHaveBeenCalled();
    await env.fetcher({ url: 'http://rt/api/v1/shop/order?page=1', method: 'get' });
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('follows no javascript: or data: link', () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { href: 'http://console/data', assign });
    vi.stubGlobal('window', { location: { assign }, open: vi.fn() });
    const { env, options } = setup(answer(200, {}));
    env.jumpTo('javascript:alert(1)');
    env.jumpTo(' data:text/html,<script>alert(1)</script>');
    expect(assign).not.toHaveBeenCalled();
    expect(options.navigate).not.toHaveBeenCalled();
    env.jumpTo('https://example.com/help');
    expect(assign).toHaveBeenCalledWith('https://example.com/help');
  });
});
