// The console's only way to the server: the staff REST API with the bearer token kept in sessionStorage.
import { lang } from './i18n.js';

const KEY = 'shangliang.console.token';

export const token = {
  get: () => sessionStorage.getItem(KEY) || '',
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY)
};

/** A refusal or failure from the API, with the words to show (Chinese unless ?lang=en). */
export class ApiError extends Error {
  constructor(status, body) {
    super((lang === 'zh' && body && body.message) || (body && body.error) || ('HTTP ' + status));
    this.status = status;
    this.body = body;
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

async function call(path, options = {}) {
  const headers = { Authorization: 'Bearer ' + token.get(), ...(options.headers || {}) };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method: options.method || 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    cache: 'no-store'
  });
  if (response.status === 401) {
    onUnauthorized();
  }
  return response;
}

/** JSON from the API; throws ApiError for 4xx/5xx. */
export async function api(path, options) {
  const response = await call(path, options);
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

/** Saves what a GET answers as a file (the weekly table's xlsx, csv and md). */
export async function download(path, filename) {
  const response = await call(path);
  if (!response.ok) {
    throw new ApiError(response.status, await response.json().catch(() => null));
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A key per user action, so a double click or a retry changes nothing twice. */
export function idempotencyKey() {
  return 'console-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10);
}
