import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { randomInt } from 'node:crypto';
import { GATEWAY, GATEWAY_IS_LOOPBACK } from './platform.ts';

/**
 * A small HTTP client for the tests' own API calls through the gateway (setting up accounts, vehicles, payments and
 * reading what the UI should show). Node's http rather than fetch: a request can leave from a chosen loopback address,
 * so that sign-ups count against an address of their own, as people on their own devices would (user-service allows 10
 * sign-ups per address and hour; the Java e2e tests do the same).
 */
export interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** The body parsed as JSON (null when it is not JSON). */
  json: unknown;
}

export interface RequestOptions {
  token?: string;
  json?: unknown;
  body?: Buffer | string;
  headers?: Record<string, string>;
  /** The loopback source address to send from (only when the gateway is on this machine). */
  from?: string;
  timeoutMs?: number;
}

/** A random loopback address other than 127.0.0.1 (the browser's), new per call. */
export function anyLoopbackAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

export function send(method: string, pathOrUrl: string, options: RequestOptions = {}): Promise<Response> {
  const url = new URL(pathOrUrl, `${GATEWAY}/`);
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: Buffer | undefined;
  if (options.json !== undefined) {
    body = Buffer.from(JSON.stringify(options.json), 'utf8');
    headers['Content-Type'] = 'application/json';
  } else if (options.body !== undefined) {
    body = Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
  }
  if (body) {
    headers['Content-Length'] = String(body.length);
  }
  if (options.token) {
    headers.Authorization = `Bearer ${options.token}`;
  }
  const requester = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolvePromise, reject) => {
    const req = requester(url, {
      method,
      headers,
      localAddress: options.from && GATEWAY_IS_LOOPBACK ? options.from : undefined,
      timeout: options.timeoutMs ?? 30_000,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const all = Buffer.concat(chunks);
        const text = all.toString('utf8');
        let json: unknown = null;
        if (/json/.test(String(res.headers['content-type'] ?? ''))) {
          try {
            json = JSON.parse(text);
          } catch {
            json = null;
          }
        }
        resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: all, text, json });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    if (body) {
      req.write(body);
    }
    req.end();
  });
}

/** The request succeeded with one of the statuses, else an error that shows the answer. */
export function expectStatus(response: Response, what: string, ...statuses: number[]): Response {
  if (!statuses.includes(response.status)) {
    throw new Error(`${what}: HTTP ${response.status} (expected ${statuses.join(' or ')}): ${response.text.slice(0, 500)}`);
  }
  return response;
}

/** A multipart/form-data body: plain fields, then files. */
export function multipart(fields: Record<string, string>, files: { name: string; filename: string; type: string; content: Buffer }[]):
  { body: Buffer; contentType: string } {
  const boundary = `e2e-browser-${randomInt(1e9)}-${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\n`
      + `Content-Type: ${file.type}\r\n\r\n`, 'utf8'));
    parts.push(file.content, Buffer.from('\r\n', 'utf8'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Asks until the check passes (Awaitility's until): for what Kafka-driven projections make true a moment later. */
export async function until<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 30_000,
  intervalMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
