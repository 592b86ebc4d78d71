import type { ErrorCode } from './error-codes';

/** One entry of `details.errors[]`: a field (or an import row) at fault. */
export interface FieldError {
  field?: string;
  row?: number;
  code: string;
  message: string;
}

export interface ErrorDetails {
  errors?: FieldError[];
  [key: string]: unknown;
}

/**
 * The only error domain code throws. The HTTP status comes from the code (error-codes.ts);
 * the global filter shapes the body. `headers` carries e.g. Retry-After.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
    readonly headers?: Record<string, string>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}
