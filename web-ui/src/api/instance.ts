import { ApiClient } from './client';
import { endpoints } from './endpoints';
import { browserSessionStore, TokenManager } from './tokens';

/** The page's one session and client: same-origin fetch, the session in localStorage shared by the tabs. */
const fetchFn = (input: string, init?: RequestInit) => globalThis.fetch(input, init);

export const tokens = new TokenManager({ fetch: fetchFn, store: browserSessionStore() });
export const client = new ApiClient(fetchFn, tokens);
export const api = endpoints(client);
