import { ApiError, errorFromResponse } from './problem';
import type { FetchLike, TokenManager } from './tokens';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** sent as JSON */
  body?: unknown;
  /** sent as multipart/form-data (uploads) */
  form?: FormData;
  headers?: Record<string, string>;
  /** `optional` (default) sends the token when signed in; `none` never does (login, sign-up) */
  auth?: 'optional' | 'none';
  signal?: AbortSignal;
}

/** `/api/x?a=1&b=2`, leaving out empty values. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.append(name, String(value));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * The one way the UI talks to the platform: same-origin `/api/**` through the gateway. JSON in and out, the bearer
 * token when signed in (refreshed before it expires, and once more on a 401 -- then the request is sent again once),
 * every non-2xx answer an {@link ApiError} from its problem+json body, no answer an {@link ApiError} of kind network.
 */
export class ApiClient {
  private readonly fetch: FetchLike;
  readonly tokens: TokenManager;

  constructor(fetch: FetchLike, tokens: TokenManager) {
    this.fetch = fetch;
    this.tokens = tokens;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status === 204 || response.status === 205) {
      return undefined as T;
    }
    const type = response.headers.get('Content-Type') ?? '';
    if (!type.includes('json')) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  delete<T = undefined>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }

  /** The bytes of a protected resource (a partner's document, a photo of a vehicle not public yet). */
  async blob(path: string, signal?: AbortSignal): Promise<Blob> {
    const response = await this.send('GET', path, { signal });
    return response.blob();
  }

  /** The raw response when 2xx; an ApiError otherwise. */
  async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const url = buildUrl(path, options.query);
    const useToken = options.auth !== 'none';
    const token = useToken ? await this.tokens.accessToken() : null;
    let response = await this.once(method, url, options, token);
    if (response.status === 401 && token) {
      // the token was refused (expired early, revoked by a refresh in another tab): refresh once and try again
      const session = await this.tokens.refresh(token).catch(() => null);
      if (session) {
        response = await this.once(method, url, options, session.accessToken);
      }
    }
    if (!response.ok) {
      throw await errorFromResponse(response);
    }
    return response;
  }

  private async once(method: string, url: string, options: RequestOptions, token: string | null): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      ...options.headers,
    };
    let body: BodyInit | undefined;
    if (options.form) {
      body = options.form;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    try {
      return await this.fetch(url, { method, headers, body, signal: options.signal, credentials: 'same-origin' });
    } catch (cause) {
      if (options.signal?.aborted) {
        throw cause;
      }
      throw ApiError.network(cause);
    }
  }
}
