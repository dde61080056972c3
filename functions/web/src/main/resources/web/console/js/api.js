// Every data call of the console: same origin only, with the API key from sessionStorage.
// The page is served at /console (deployed, below the stage) or / (local runner); the API sits
// beside it, so the base is the page's path without "/console".

export const BASE = location.pathname.replace(/\/console(\/.*)?$/, '').replace(/\/+$/, '');
export const COLLECTIONS = `${BASE}/api/v1/async-collection`;

const KEY = 'gleaner.apiKey';

export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.error || body.message)) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.field = this.body.field || null;
  }
}

let askForKey = null;
// Once the dialog is dismissed, refreshes do not ask again until a key is given (the API key button).
let declined = false;
/** fn(refused: boolean) → Promise<string|null>: shows the key dialog. */
export function onKeyNeeded(fn) {
  askForKey = fn;
}

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

export function setApiKey(key) {
  declined = false;
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

/**
 * A call to the API. A 401/403 (API Gateway's answer without a valid key) asks for the key once
 * and repeats the call. JSON answers are parsed; errors throw ApiError with status, error, field.
 * opts.raw returns the Response (downloads).
 */
export async function call(method, path, opts = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: opts.accept || 'application/json', ...(opts.headers || {}) };
    const key = apiKey();
    if (key) headers['x-api-key'] = key;
    let body;
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(BASE + path, { method, headers, body, cache: 'no-store', credentials: 'same-origin', signal: opts.signal });
    if ((res.status === 401 || res.status === 403) && askForKey && !declined && attempt < 3) {
      const entered = await askForKey(Boolean(key));
      if (entered) {
        setApiKey(entered);
        continue;
      }
      declined = true;
    }
    if (opts.raw && res.ok) return res;
    const type = res.headers.get('Content-Type') || '';
    const data = type.includes('json') ? await res.json().catch(() => null) : null;
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
  }
}

export const api = {
  summary: () => call('GET', `${COLLECTIONS}/status/summary`),
  tasks: (q) => call('GET', `${COLLECTIONS}/tasks?${new URLSearchParams(q)}`),
  // Prefer: wait=N (RFC 7240): the API answers as soon as the task changes, or after N seconds.
  task: (id, wait) => call('GET', `${COLLECTIONS}/task/${encodeURIComponent(id)}`,
    { headers: wait ? { Prefer: `wait=${wait}` } : {} }),
  cancel: (id) => call('DELETE', `${COLLECTIONS}/task/${encodeURIComponent(id)}`),
  resume: (id) => call('POST', `${COLLECTIONS}/task/${encodeURIComponent(id)}/resume`),
  items: (id, q) => call('GET', `${COLLECTIONS}/task/${encodeURIComponent(id)}/items?${new URLSearchParams(q)}`),
  itemsExport: (id, format) => call('GET', `${COLLECTIONS}/task/${encodeURIComponent(id)}/items?format=${format}`,
    { raw: true, accept: format === 'csv' ? 'text/csv' : 'application/x-ndjson' }),
  start: (platform, body) => call('POST', `${COLLECTIONS}/${platform}/start`, { body }),
  scrape: (body) => call('POST', '/scrape', { body }),
  scrapeStatus: (id) => call('GET', `/tasks/${encodeURIComponent(id)}`),
  scrapeResult: (id) => call('GET', `/tasks/${encodeURIComponent(id)}/result`),
};
