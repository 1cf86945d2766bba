// Find help without a connection: every answer she saw (a search, a service's page) is kept in
// the directory's offline cache, which the service worker answers from when the network is down
// (src/sw.js), marked with the time it was saved, so that the screen can say how old it is. The
// directory is public, but the cache goes at sign-out and at the quick exit like any other
// module's: it still tells what she looked for.
import { ok } from '../../api/client';

export const cacheName = 'ponte-content-directory';
const savedHeader = 'X-Ponte-Saved-At';

interface Answer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

export interface Read<D> {
  data: D;
  savedAt: number | null;  // when it was saved, for an answer from the offline cache; null: fresh
}

// The data of an answer, as ok() reads it, and when it was saved if it came from the offline
// cache; a fresh answer is kept there for later (where the browser has caches).
export async function readKeeping<D>(pending: Promise<Answer<D>>): Promise<Read<D>> {
  const answer = await pending;
  const data = await ok(Promise.resolve(answer));
  const saved = answer.response.headers.get(savedHeader);
  if (saved !== null) return { data, savedAt: Number(saved) };
  if (typeof caches !== 'undefined' && answer.response.url) {
    const kept = new Response(JSON.stringify(data), {
      headers: { 'Content-Type': 'application/json', [savedHeader]: String(Date.now()) },
    });
    caches.open(cacheName).then((cache) => cache.put(answer.response.url, kept)).catch(() => {
      // No room, or no caches in this browser: it is only not kept.
    });
  }
  return { data, savedAt: null };
}
