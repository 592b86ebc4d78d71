import { Turnstile } from './turnstile';

const tick = () => new Promise((r) => setImmediate(r));

describe('Turnstile', () => {
  it('admits up to capacity, then in arrival order as slots are released', async () => {
    const t = new Turnstile(1, 10, 10_000);
    const first = await t.enter();
    expect(first).not.toBeNull();
    const order: string[] = [];
    const b = t.enter().then((r) => (order.push('b'), r));
    const c = t.enter().then((r) => (order.push('c'), r));
    await tick();
    expect(order).toEqual([]);
    expect(t.queued).toBe(2);
    first!();
    first!(); // releasing twice frees one slot only
    const rb = await b;
    await tick();
    expect(order).toEqual(['b']);
    expect(t.inUse).toBe(1);
    rb!();
    expect(await c).not.toBeNull();
    expect(order).toEqual(['b', 'c']);
  });

  it('refuses when the queue is full and gives up after the wait limit', async () => {
    const t = new Turnstile(1, 1, 30);
    const held = await t.enter();
    const waiting = t.enter();
    expect(await t.enter()).toBeNull(); // queue full
    expect(await waiting).toBeNull(); // timed out
    expect(t.queued).toBe(0);
    held!();
    expect(t.inUse).toBe(0);
  });

  it('drops a waiter whose client went away, without taking a slot', async () => {
    const t = new Turnstile(1, 5, 10_000);
    const held = await t.enter();
    let cancel: () => void = () => undefined;
    const w = t.enter((c) => (cancel = c));
    cancel();
    expect(await w).toBeNull();
    held!();
    expect(t.inUse).toBe(0);
  });
});
