import type { ValidationError } from 'class-validator';
import { AppError, type FieldError } from '../errors/app-error';

/** class-validator constraint names → stable field error codes (public API, like error codes). */
const CONSTRAINT_CODES: Record<string, string> = {
  whitelistValidation: 'UNKNOWN_FIELD',
  isDefined: 'REQUIRED',
  isNotEmpty: 'REQUIRED',
  isString: 'NOT_A_STRING',
  isInt: 'NOT_AN_INTEGER',
  isNumber: 'NOT_A_NUMBER',
  isBoolean: 'NOT_A_BOOLEAN',
  isArray: 'NOT_AN_ARRAY',
  isObject: 'NOT_AN_OBJECT',
  isIn: 'NOT_ALLOWED_VALUE',
  isEnum: 'NOT_ALLOWED_VALUE',
  matches: 'BAD_FORMAT',
  isIso8601: 'BAD_DATE',
  isISO8601: 'BAD_DATE',
  isUrl: 'BAD_FORMAT',
  isUuid: 'BAD_FORMAT',
  min: 'TOO_SMALL',
  max: 'TOO_LARGE',
  minLength: 'TOO_SHORT',
  maxLength: 'TOO_LONG',
  arrayMinSize: 'TOO_FEW_ITEMS',
  arrayMaxSize: 'TOO_MANY_ITEMS',
  arrayUnique: 'DUPLICATE_ITEMS',
  nestedValidation: 'INVALID',
  unknownValue: 'INVALID',
};

const TYPE_CONSTRAINTS = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject']);

/** Flattens nested validation errors to `details.errors[]` with dotted field paths (`graduates.3.fullName`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const constraints = Object.entries(e.constraints ?? {});
    // A missing value fails every rule of its field; one REQUIRED says it better.
    if (e.value === undefined && constraints.length && !e.constraints?.whitelistValidation) {
      out.push({ field, code: 'REQUIRED', message: `${field} is required` });
      continue;
    }
    // A value of the wrong type fails its size/format rules too; the type error alone says it.
    const typeErrors = constraints.filter(([c]) => TYPE_CONSTRAINTS.has(c));
    for (const [constraint, message] of typeErrors.length ? typeErrors : constraints) {
      out.push({ field, code: CONSTRAINT_CODES[constraint] ?? 'INVALID', message });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export function validationErrorsToAppError(errors: ValidationError[]): AppError {
  const list = flattenValidationErrors(errors);
  return new AppError('VALIDATION_FAILED', `The request has ${list.length} invalid field(s)`, {
    errors: list,
  });
}
