import { ApiError } from './problem';

/**
 * Idempotency keys for requests that must not happen twice (booking holds). One key per attempt: the user's "Book"
 * for given dates. The same key goes with every retry of that attempt -- after no answer (the hold may have been
 * made: the server replays it instead of holding twice), a 5xx, or a "busy" answer (423 vehicle locked, 409 key in
 * flight, 429) -- and a new one once the server gave a definitive answer (2xx, or a 4xx such as 409 slot taken) or
 * the request changes (other dates: the same key with another body would be 422).
 */
export class IdempotentAttempts {
  private current: { fingerprint: string; key: string } | null = null;
  private readonly newKey: () => string;

  constructor(newKey: () => string = () => crypto.randomUUID()) {
    this.newKey = newKey;
  }

  /** The key for sending this request now. */
  keyFor(request: unknown): string {
    const fingerprint = JSON.stringify(request);
    if (!this.current || this.current.fingerprint !== fingerprint) {
      this.current = { fingerprint, key: this.newKey() };
    }
    return this.current.key;
  }

  /** After the answer: keep the key for a retry, or drop it. */
  settle(error?: unknown): void {
    if (error !== undefined && IdempotentAttempts.retryable(error)) {
      return;
    }
    this.current = null;
  }

  /** Whether the same request with the same key is what a retry should send. */
  static retryable(error: unknown): boolean {
    if (!(error instanceof ApiError)) {
      // aborted or a bug: the request may have left; keeping the key is the safe side
      return true;
    }
    return error.isTransient || (error.status === 409 && (error.type ?? '').endsWith('idempotency-key-in-flight'));
  }

  /** Run the request with the attempt's key, settling the attempt by its outcome. */
  async run<T>(request: unknown, send: (key: string) => Promise<T>): Promise<T> {
    const key = this.keyFor(request);
    try {
      const result = await send(key);
      this.settle();
      return result;
    } catch (error) {
      this.settle(error);
      throw error;
    }
  }
}
