/**
 * Counts events per key in fixed windows aligned to the clock (all keys reset together), so memory is
 * bounded by the keys seen in one window and a sweep is one `Map.clear()`. A client can burst up to
 * twice the limit across a window boundary; for abuse limits that is acceptable and documented.
 * In-process: with several app instances the state moves to Redis (ARCHITECTURE §7).
 */
export class FixedWindowLimiter {
  private windowStart = 0;
  private readonly counts = new Map<string, number>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one event for `key`: null when allowed, else the whole seconds until the window resets. */
  take(key: string): number | null {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      this.windowStart = t - (t % this.windowMs);
      this.counts.clear();
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    if (n <= this.limit) {
      this.counts.set(key, n);
      return null;
    }
    return Math.max(1, Math.ceil((this.windowStart + this.windowMs - t) / 1000));
  }
}
