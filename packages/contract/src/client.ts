/** A small HTTP client for the suite: JSON in and out, the envelope checked on every answer. */
import { expect } from 'vitest';

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

export function client(base: string) {
  return async function call(
    method: string,
    path: string,
    options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (typeof options.body === 'string') body = options.body;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${base}${path}`, { method, headers, body });
    const text = await res.text();
    const parsed = (text ? JSON.parse(text) : {}) as Record<string, any>;
    // The envelope: 0 on success, else the HTTP status repeated, always with a message.
    if (res.status === 200) {
      expect(parsed).toMatchObject({ status: 0, msg: expect.any(String) });
      expect(parsed).toHaveProperty('data');
    } else {
      expect(parsed).toMatchObject({ status: res.status, msg: expect.any(String) });
      expect(parsed.msg.length).toBeGreaterThan(0);
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
}

export const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
