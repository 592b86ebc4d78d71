import { SketchWindowLimiter } from './sketch-window-limiter';

describe('SketchWindowLimiter', () => {
  it('allows `limit` events per key and window, then answers the seconds until the window resets', () => {
    let now = 900_000 * 3 + 60_000;
    const l = new SketchWindowLimiter(3, 900_000, 1 << 10, () => now);
    expect([l.take('BT1'), l.take('BT1'), l.take('BT1')]).toEqual([null, null, null]);
    expect(l.take('BT1')).toBe(840);
    expect(l.take('BT2')).toBeNull();
    now += 840_000;
    expect(l.take('BT1')).toBeNull(); // a new window
  });

  it('never under-counts, and with realistic load hardly over-counts (1,000,000 distinct keys, limit 10)', () => {
    const l = new SketchWindowLimiter(10, 900_000, 1 << 18, () => 0);
    for (let i = 0; i < 10; i++) expect(l.take('hot')).toBeNull();
    let limited = 0;
    for (let i = 0; i < 1_000_000; i++) if (l.take(`BT${i}`) !== null) limited++;
    expect(l.take('hot')).not.toBeNull(); // still limited after a million other keys
    expect(limited).toBe(0); // a million one-off lookups in one window limit nobody
  });
});
