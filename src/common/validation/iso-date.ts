import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches, ValidateBy, type ValidationOptions } from 'class-validator';

/** A calendar date `YYYY-MM-DD` that exists (2025-02-29 is rejected). */
export const IsIsoDate = () =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant as the contract writes times: ISO 8601 extended format with a zone offset
 * (`2026-11-25T14:00:00+07:00`). Week dates and basic format, also ISO 8601, are refused.
 */
export const IsIsoDateTime = () =>
  applyDecorators(
    Matches(DATE_TIME, { message: '$property must be a time like 2026-11-25T14:00:00+07:00' }),
    IsISO8601({ strict: true }, { message: '$property must be a real time' }),
  );

/** Present in the body; unlike @IsDefined, JSON null is an accepted value. */
export const IsPresent = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isDefined',
      validator: { validate: (v: unknown) => v !== undefined, defaultMessage: () => '$property is required' },
    },
    options,
  );
