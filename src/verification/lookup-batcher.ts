/**
 * Natural batching of public lookups (PUB-4): at most `maxInFlight` queries run at once; lookups that
 * arrive while they run wait and go together, as one query for all their serials, when one finishes.
 * An idle server sends each lookup at once (no timer, no added delay); a busy one sends fewer, larger
 * queries, so its cost per lookup falls as load rises and a backlog after a stall drains in a few
 * round trips instead of one per request. It also caps what a flood of public lookups can take from the
 * pool that staff requests share.
 *
 * Framework-free: `run` gets distinct serials and answers with each one's rows.
 */
export class LookupBatcher<Row> {
  private readonly waiting = new Map<string, Waiter<Row>[]>();
  private inFlight = 0;
  /** Lookups asked and queries run since start: their ratio is the batching achieved. */
  readonly counts = { lookups: 0, queries: 0 };

  constructor(
    private readonly run: (serials: string[]) => Promise<Map<string, Row[]>>,
    private readonly maxInFlight: number,
    private readonly maxBatch: number,
  ) {
    if (!(maxInFlight >= 1 && maxBatch >= 1))
      throw new Error('LookupBatcher needs maxInFlight ≥ 1 and maxBatch ≥ 1');
  }

  lookup(serial: string): Promise<Row[]> {
    this.counts.lookups++;
    return new Promise<Row[]>((resolve, reject) => {
      const same = this.waiting.get(serial);
      if (same) same.push({ resolve, reject });
      else this.waiting.set(serial, [{ resolve, reject }]);
      this.pump();
    });
  }

  /** Lookups waiting for a query (for tests). */
  get queued(): number {
    return this.waiting.size;
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.size > 0) {
      // Oldest serials first: a Map iterates in insertion order.
      const batch = new Map<string, Waiter<Row>[]>();
      for (const [serial, waiters] of this.waiting) {
        batch.set(serial, waiters);
        this.waiting.delete(serial);
        if (batch.size === this.maxBatch) break;
      }
      this.inFlight++;
      this.counts.queries++;
      let query: Promise<Map<string, Row[]>>;
      try {
        query = this.run([...batch.keys()]);
      } catch (err) {
        query = Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
      query.then(
        (rows) => {
          this.inFlight--;
          for (const [serial, waiters] of batch) for (const w of waiters) w.resolve(rows.get(serial) ?? []);
          this.pump();
        },
        (err: unknown) => {
          this.inFlight--;
          for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
          this.pump();
        },
      );
    }
  }
}

interface Waiter<Row> {
  resolve: (rows: Row[]) => void;
  reject: (err: unknown) => void;
}
