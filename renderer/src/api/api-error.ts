// Every failure the data client reports, classified so views can pick the right state.

export type ApiErrorKind =
  /** 401/403: the admin token is missing or wrong. */
  | 'unauthorized'
  /** 404 on a collection: this gateway version doesn't serve the endpoint. */
  | 'not_available'
  /** The gateway could not be reached at all. */
  | 'network'
  /** 4xx with a message worth showing (validation, conflict). */
  | 'rejected'
  /** 5xx or a malformed answer. */
  | 'server';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;

  constructor(kind: ApiErrorKind, message: string, status: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
  }
}

export function isApiError(error: unknown, kind?: ApiErrorKind): error is ApiError {
  return error instanceof ApiError && (kind === undefined || error.kind === kind);
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
