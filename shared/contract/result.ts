/** Every call answers with one of these shapes, over either transport. */
export const ERROR_CODES = [
  'BAD_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  /** Too many failed sign-ins: the message says how many seconds to wait. */
  'RATE_LIMITED',
  /** A temporary password is in use: nothing else is allowed until it is changed. */
  'PASSWORD_CHANGE_REQUIRED',
  'INTERNAL',
  /** The disk or the operating system refused a write (full, read-only): said in words, nothing half-saved. */
  'STORAGE',
  /** A job stopped at the user's request before it committed: nothing was changed. */
  'CANCELLED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, for BAD_INPUT. */
  field?: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Thrown by services and the client; carries a code the UI can act on. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
  }
}
