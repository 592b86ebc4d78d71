import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { AppError } from '../errors/app-error';
import { UUID_PATTERN } from '../ids/uuid-v7';

/** `?limit=&cursor=` of the contract. Cursors are opaque to clients; here, the last item's UUID v7. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  limit: number;
  /** Decoded cursor: the id after which to continue. */
  after: string | null;
}

/** `keyPattern` validates the decoded key: UUID v7 ids by default, or e.g. organisation codes. */
export function pageRequest(q: PageQueryDto, keyPattern: RegExp = UUID_PATTERN): PageRequest {
  return { limit: q.limit ?? 50, after: q.cursor ? decodeCursor(q.cursor, keyPattern) : null };
}

export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, keyPattern: RegExp = UUID_PATTERN): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!keyPattern.test(id))
    throw new AppError('INVALID_CURSOR', 'The cursor is not valid', {
      errors: [{ field: 'cursor', code: 'INVALID_CURSOR', message: 'not a cursor returned by this API' }],
    });
  return id;
}

/** Repositories fetch limit + 1 rows; this trims and sets nextCursor. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, map: (r: R) => T): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return { items: slice.map(map), nextCursor: more ? encodeCursor(slice[slice.length - 1].id) : null };
}
