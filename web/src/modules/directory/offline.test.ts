import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheName, readKeeping } from './offline';

const answer = (body: unknown, headers: Record<string, string> = {}, status = 200) => {
  const response = new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  Object.defineProperty(response, 'url', { value: 'http://ponte.test/api/v1/directory/services?q=legal' });
  return Promise.resolve({ data: status < 300 ? body : undefined, error: status < 300 ? undefined : body, response });
};

afterEach(() => vi.unstubAllGlobals());

describe('find help offline', () => {
  it('keeps a fresh answer in the directory\'s cache, marked with when it was saved', async () => {
    const put = vi.fn(() => Promise.resolve());
    const open = vi.fn(() => Promise.resolve({ put }));
    vi.stubGlobal('caches', { open });
    const read = await readKeeping(answer({ items: [] }));
    expect(read).toEqual({ data: { items: [] }, savedAt: null });
    await Promise.resolve();
    expect(open).toHaveBeenCalledWith(cacheName);
    const [url, kept] = put.mock.calls[0] as unknown as [string, Response];
    expect(url).toBe('http://ponte.test/api/v1/directory/services?q=legal');
    expect(Number(kept.headers.get('X-Ponte-Saved-At'))).toBeGreaterThan(Date.now() - 60_000);
    expect(await kept.json()).toEqual({ items: [] });
  });

  it('says when an answer from the cache was saved, and keeps it no second time', async () => {
    const open = vi.fn();
    vi.stubGlobal('caches', { open });
    const read = await readKeeping(answer({ items: [1] }, { 'X-Ponte-Saved-At': '1796117400000' }));
    expect(read).toEqual({ data: { items: [1] }, savedAt: 1796117400000 });
    expect(open).not.toHaveBeenCalled();
  });

  it('throws a problem as ok() does, and keeps nothing', async () => {
    const open = vi.fn();
    vi.stubGlobal('caches', { open });
    await expect(readKeeping(answer({ title: 'Bad Request', errors: [{ field: 'near', code: 'format' }] }, {}, 400)))
      .rejects.toMatchObject({ status: 400, errors: [{ field: 'near', code: 'format' }] });
    expect(open).not.toHaveBeenCalled();
  });
});
