import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/** A calendar date `YYYY-MM-DD` that exists (2025-02-29 is rejected). */
export const IsIsoDate = () =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );
