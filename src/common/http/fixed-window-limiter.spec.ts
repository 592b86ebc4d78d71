import { FixedWindowLimiter } from './fixed-window-limiter';

describe('FixedWindowLimiter', () => {
  it('allows `limit` events per key and window, then answers the seconds until the window resets', () => {
    let now = 60_000 * 10 + 15_000; // 15 s into a minute
    const l = new FixedWindowLimiter(3, 60_000, () => now);
    expect([l.take('a'), l.take('a'), l.take('a')]).toEqual([null, null, null]);
    expect(l.take('a')).toBe(45);
    expect(l.take('b')).toBeNull(); // keys are independent
    now += 44_500;
    expect(l.take('a')).toBe(1);
    now += 500; // the next window
    expect(l.take('a')).toBeNull();
  });

  it('refused events do not extend the block', () => {
    let now = 0;
    const l = new FixedWindowLimiter(1, 1000, () => now);
    l.take('x');
    for (let i = 0; i < 100; i++) l.take('x');
    now = 1000;
    expect(l.take('x')).toBeNull();
  });
});
