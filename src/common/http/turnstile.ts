/**
 * At most `capacity` holders at once; the rest wait in arrival order, up to `maxWaiting` of them and
 * `maxWaitMs` each. Used to bound the memory of large requests (a graduate import may hold hundreds of MB).
 */
export class Turnstile {
  private active = 0;
  private readonly waiting: Array<{ grant: () => void }> = [];

  constructor(
    readonly capacity: number,
    private readonly maxWaiting: number,
    private readonly maxWaitMs: number,
  ) {}

  get inUse(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Resolves with a release function once admitted, or with null when the queue is full, the wait
   * timed out, or `abandoned` fired first (the client went away).
   */
  enter(abandoned?: (cancel: () => void) => void): Promise<(() => void) | null> {
    if (this.active < this.capacity) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.releaser());
        },
      };
      const leave = () => {
        const i = this.waiting.indexOf(waiter);
        if (i < 0) return;
        this.waiting.splice(i, 1);
        clearTimeout(timer);
        resolve(null);
      };
      const timer = setTimeout(leave, this.maxWaitMs);
      this.waiting.push(waiter);
      abandoned?.(leave);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
      if (next) next.grant();
      else this.active -= 1;
    };
  }
}
