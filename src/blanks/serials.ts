/** NUM-7: serials are strings; a numbered range is a prefix plus a zero-padded number. */
export function formatSerial(prefix: string, n: number, digits: number): string {
  return prefix + String(n).padStart(digits, '0');
}

export type NumberRange = [number, number];

/** Sorted, merged inclusive ranges: overlapping or adjacent ranges become one. */
export function mergeRanges(ranges: NumberRange[]): NumberRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: NumberRange[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Ranges of the given numbers: [1,2,3,7] → [[1,3],[7,7]]. */
export function toRanges(numbers: number[]): NumberRange[] {
  return mergeRanges(numbers.map((n) => [n, n]));
}

export function rangesCount(ranges: NumberRange[]): number {
  return ranges.reduce((s, [a, b]) => s + (b - a + 1), 0);
}

/** Expands ranges into serial strings, at most `limit` of them. */
export function expandRanges(
  prefix: string,
  digits: number,
  ranges: NumberRange[],
  limit = Infinity,
): string[] {
  const out: string[] = [];
  for (const [a, b] of ranges) {
    for (let n = a; n <= b && out.length < limit; n++) out.push(formatSerial(prefix, n, digits));
  }
  return out;
}

/** Human-readable ranges for documents: "BT0000001 – BT0000100, BT0000150". */
export function describeRanges(prefix: string, digits: number, ranges: NumberRange[]): string {
  return ranges
    .map(([a, b]) =>
      a === b
        ? formatSerial(prefix, a, digits)
        : `${formatSerial(prefix, a, digits)} – ${formatSerial(prefix, b, digits)}`,
    )
    .join(', ');
}
