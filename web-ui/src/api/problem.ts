/**
 * RFC 9457 problem details as every SmartLink service (and the gateway's fallbacks) answers errors, turned into one
 * typed error the pages show. The server's `detail` is what the user reads: it is written for people and names the
 * field or the booking in the way; `title` is the fallback, then a text of our own for the status.
 */
export interface FieldError {
  field: string;
  message: string;
}

export type ErrorKind = 'problem' | 'network' | 'http';

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly type?: string;
  readonly fieldErrors: FieldError[];
  readonly correlationId?: string;
  readonly retryAfterSeconds?: number;
  readonly kind: ErrorKind;

  constructor(init: {
    status: number;
    title: string;
    detail?: string;
    type?: string;
    fieldErrors?: FieldError[];
    correlationId?: string;
    retryAfterSeconds?: number;
    kind: ErrorKind;
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type;
    this.fieldErrors = init.fieldErrors ?? [];
    this.correlationId = init.correlationId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.kind = init.kind;
  }

  /** No answer at all (offline, connection refused, aborted): the request may or may not have been processed. */
  get isNetwork(): boolean {
    return this.kind === 'network';
  }

  /** Worth trying again as it is: no answer, a server-side failure, "busy" answers. */
  get isTransient(): boolean {
    return this.isNetwork || this.status >= 500 || this.status === 423 || this.status === 429;
  }

  /** The message for one form field, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError({ status: 0, title: 'Network error', kind: 'network' });
    (error as { cause?: unknown }).cause = cause;
    return error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, max = 2000): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.slice(0, max) : undefined;
}

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((item) => {
    if (!isRecord(item)) {
      return [];
    }
    const field = text(item.field, 200);
    const message = text(item.message, 500);
    return field && message ? [{ field, message }] : [];
  });
}

function retryAfter(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  if (!header) {
    return undefined;
  }
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/**
 * The error for a response that is not 2xx. A problem+json body (or any JSON body with the problem's members) gives
 * status, title, detail, type, `errors` and `correlationId`; anything else (an HTML page from a proxy, an empty
 * body) an error with the status only.
 */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const correlationHeader = response.headers.get('X-Request-Id') ?? undefined;
  const contentType = response.headers.get('Content-Type') ?? '';
  let body: unknown;
  if (contentType.includes('json')) {
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
  }
  if (isRecord(body)) {
    return new ApiError({
      status: typeof body.status === 'number' ? body.status : response.status,
      title: text(body.title, 300) ?? (response.statusText || `HTTP ${response.status}`),
      detail: text(body.detail),
      type: text(body.type, 500),
      fieldErrors: fieldErrors(body.errors),
      correlationId: text(body.correlationId, 100) ?? correlationHeader,
      retryAfterSeconds: retryAfter(response),
      kind: 'problem',
    });
  }
  return new ApiError({
    status: response.status,
    title: response.statusText || `HTTP ${response.status}`,
    correlationId: correlationHeader,
    retryAfterSeconds: retryAfter(response),
    kind: 'http',
  });
}

/** Translations the display text needs (see i18n). */
export interface ProblemTexts {
  network: string;
  unavailable: string;
  tooMany: string;
  unexpected: string;
  sessionExpired: string;
}

/**
 * What to tell the user: the server's detail when it gave one, else its title, else a text for the status. The
 * field errors are appended when the detail does not already list them.
 */
export function problemText(error: unknown, texts: ProblemTexts): string {
  if (!(error instanceof ApiError)) {
    return texts.unexpected;
  }
  if (error.isNetwork) {
    return texts.network;
  }
  let message = error.detail;
  if (!message) {
    if (error.status === 401) {
      message = texts.sessionExpired;
    } else if (error.status === 429) {
      message = texts.tooMany;
    } else if (error.status === 502 || error.status === 503 || error.status === 504) {
      message = texts.unavailable;
    } else if (error.kind === 'problem') {
      message = error.title;
    } else {
      message = texts.unexpected;
    }
  }
  const shown: string = message;
  const unlisted = error.fieldErrors.filter((e) => !shown.includes(e.field));
  if (unlisted.length > 0) {
    return `${shown} (${unlisted.map((e) => `${e.field}: ${e.message}`).join('; ')})`;
  }
  return shown;
}
