import { HttpStatus } from '@nestjs/common';

/**
 * Stable error codes: public API. Never rename or reuse one; add new codes at the end of their group.
 * Each code maps to exactly one HTTP status here, and nowhere else.
 */
export const ERROR_HTTP_STATUS = {
  // request shape
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  MALFORMED_JSON: HttpStatus.BAD_REQUEST,
  BODY_NOT_OBJECT: HttpStatus.BAD_REQUEST,
  BODY_TOO_DEEP: HttpStatus.BAD_REQUEST,
  MALFORMED_URL: HttpStatus.BAD_REQUEST,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  INVALID_CURSOR: HttpStatus.BAD_REQUEST,
  ROUTE_NOT_FOUND: HttpStatus.NOT_FOUND,
  METHOD_NOT_ALLOWED: HttpStatus.METHOD_NOT_ALLOWED,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,

  // authentication and access
  AUTH_REQUIRED: HttpStatus.UNAUTHORIZED,
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  TOKEN_INVALID: HttpStatus.UNAUTHORIZED,
  TOKEN_EXPIRED: HttpStatus.UNAUTHORIZED,
  API_KEY_INVALID: HttpStatus.UNAUTHORIZED,
  ACCOUNT_LOCKED: HttpStatus.LOCKED,
  ACCOUNT_DISABLED: HttpStatus.FORBIDDEN,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  OUT_OF_SCOPE: HttpStatus.FORBIDDEN,

  // organisations
  ORG_NOT_FOUND: HttpStatus.NOT_FOUND,
  ORG_CODE_TAKEN: HttpStatus.CONFLICT,
  ORG_PARENT_NOT_FOUND: HttpStatus.UNPROCESSABLE_ENTITY,
  ORG_PARENT_KIND_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  ORG_ROOT_EXISTS: HttpStatus.CONFLICT,
  ORG_INACTIVE: HttpStatus.UNPROCESSABLE_ENTITY,
  CUSTODY_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,

  // identity
  USER_NOT_FOUND: HttpStatus.NOT_FOUND,
  USERNAME_TAKEN: HttpStatus.CONFLICT,
  PASSWORD_TOO_WEAK: HttpStatus.UNPROCESSABLE_ENTITY,
  ROLE_NOT_GRANTABLE: HttpStatus.FORBIDDEN,
  API_KEY_NOT_FOUND: HttpStatus.NOT_FOUND,

  // rulebook
  CREDENTIAL_TYPE_UNKNOWN: HttpStatus.UNPROCESSABLE_ENTITY,
  NO_ISSUING_AUTHORITY: HttpStatus.UNPROCESSABLE_ENTITY,
  SETTING_MISSING: HttpStatus.INTERNAL_SERVER_ERROR,

  // generic
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  INTERNAL_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
} as const satisfies Record<string, HttpStatus>;

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_HTTP_STATUS[code];
}
