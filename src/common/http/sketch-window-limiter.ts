const ROWS = 2;
const SEEDS = [0x811c9dc5, 0x9747b28c];

/**
 * Counts events per key in fixed clock-aligned windows, in a count-min sketch: two rows of `width`
 * counters, each key on one counter per row, its count the smaller of its two. Memory is fixed
 * (2 × width × 4 bytes) whatever arrives, and no update ever pauses: a Map keyed by every serial looked
 * up in 15 minutes grows to hundreds of thousands of keys, and each time it doubles it rehashes them all
 * in one go (20 ms at 262,144 keys), a stall that every waiting request pays (bench/verify p99).
 * A key can only be over-counted, never under-counted: other keys sharing both its counters may limit
 * it early. With 2^18 counters a row and the per-serial limit of 10, that needs several busy serials on
 * both of its counters in one window; documented in docs/PORTAL.md.
 */
export class SketchWindowLimiter {
  private windowStart = 0;
  private readonly rows: Uint32Array[];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly width = 1 << 18,
    private readonly now: () => number = Date.now,
  ) {
    if (width & (width - 1)) throw new RangeError('width must be a power of two');
    this.rows = Array.from({ length: ROWS }, () => new Uint32Array(width));
  }

  /** Counts one event for `key`: null when allowed, else the whole seconds until the window resets. */
  take(key: string): number | null {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      this.windowStart = t - (t % this.windowMs);
      for (const r of this.rows) r.fill(0);
    }
    const slots = SEEDS.map((seed) => fnv1a(key, seed) & (this.width - 1));
    const count = Math.min(...slots.map((s, i) => this.rows[i][s]));
    if (count >= this.limit) return Math.max(1, Math.ceil((this.windowStart + this.windowMs - t) / 1000));
    // Conservative update: raise only the counters at the minimum, which keeps over-counting low.
    slots.forEach((s, i) => {
      if (this.rows[i][s] === count) this.rows[i][s] = count + 1;
    });
    return null;
  }
}

function fnv1a(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
