import type { FieldError } from '../errors/app-error';

/** Deeper than any contract body; deeper input would only exercise recursion in validators. */
export const MAX_JSON_DEPTH = 32;

export interface JsonShapeProblems {
  tooDeep: boolean;
  /** Field errors for strings holding U+0000, which PostgreSQL text cannot store. */
  nulFields: FieldError[];
}

/** Walks parsed JSON iteratively (no recursion, so hostile nesting cannot overflow the stack). */
export function inspectJson(root: unknown, maxDepth = MAX_JSON_DEPTH): JsonShapeProblems {
  const nulFields: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        nulFields.push({
          field: path || 'body',
          code: 'NUL_CHARACTER',
          message: 'must not contain the NUL character (U+0000)',
        });
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return { tooDeep: true, nulFields };
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k.includes('\u0000'))
        nulFields.push({
          field: path ? `${path}.${k}` : k,
          code: 'NUL_CHARACTER',
          message: 'field names must not contain U+0000',
        });
      stack.push({ value: v, path: path ? `${path}.${k}` : k, depth: depth + 1 });
    }
  }
  return { tooDeep: false, nulFields };
}
