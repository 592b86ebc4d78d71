import { LookupBatcher } from './lookup-batcher';

/** A query the test finishes by hand, to hold lookups in flight. */
function heldQueries() {
  const calls: { serials: string[]; finish: (err?: Error) => void }[] = [];
  const run = (serials: string[]) =>
    new Promise<Map<string, string[]>>((resolve, reject) => {
      calls.push({
        serials,
        finish: (err) => (err ? reject(err) : resolve(new Map(serials.map((s) => [s, [`row of ${s}`]])))),
      });
    });
  return { calls, run };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('LookupBatcher', () => {
  it('sends at once while under its limit, then batches what waits, oldest first', async () => {
    const q = heldQueries();
    const b = new LookupBatcher(q.run, 2, 64);
    const first = b.lookup('A');
    const second = b.lookup('B');
    expect(q.calls.map((c) => c.serials)).toEqual([['A'], ['B']]);
    const waiting = ['C', 'D', 'E'].map((s) => b.lookup(s));
    expect(q.calls).toHaveLength(2);
    expect(b.queued).toBe(3);
    q.calls[0].finish();
    await expect(first).resolves.toEqual(['row of A']);
    expect(q.calls[2].serials).toEqual(['C', 'D', 'E']);
    q.calls[1].finish();
    q.calls[2].finish();
    await expect(second).resolves.toEqual(['row of B']);
    await expect(Promise.all(waiting)).resolves.toEqual([['row of C'], ['row of D'], ['row of E']]);
    expect(b.counts).toEqual({ lookups: 5, queries: 3 });
  });

  it('asks for a serial once however many wait for it, and answers each of them', async () => {
    const q = heldQueries();
    const b = new LookupBatcher(q.run, 1, 64);
    const busy = b.lookup('X');
    const same = [b.lookup('A'), b.lookup('A'), b.lookup('B')];
    q.calls[0].finish();
    await busy;
    expect(q.calls[1].serials).toEqual(['A', 'B']);
    q.calls[1].finish();
    await expect(Promise.all(same)).resolves.toEqual([['row of A'], ['row of A'], ['row of B']]);
  });

  it('splits a backlog into queries of at most maxBatch serials, all in flight together', async () => {
    const q = heldQueries();
    const b = new LookupBatcher(q.run, 3, 2);
    const busy = b.lookup('0');
    const rest = ['1', '2', '3', '4', '5'].map((s) => b.lookup(s));
    expect(q.calls.map((c) => c.serials)).toEqual([['0'], ['1'], ['2']]);
    q.calls[0].finish();
    await busy;
    expect(q.calls[3].serials).toEqual(['3', '4']);
    for (const c of q.calls.slice(1)) c.finish();
    await settle();
    q.calls[4].finish();
    await expect(Promise.all(rest)).resolves.toHaveLength(5);
    expect(q.calls.map((c) => c.serials.length)).toEqual([1, 1, 1, 2, 1]);
  });

  it('a serial no row answers gets no rows', async () => {
    const b = new LookupBatcher(() => Promise.resolve(new Map<string, string[]>()), 1, 8);
    await expect(b.lookup('NONE')).resolves.toEqual([]);
  });

  it('a failed query fails only its own lookups, and the next batch still runs', async () => {
    const q = heldQueries();
    const b = new LookupBatcher(q.run, 1, 64);
    const failing = b.lookup('A');
    const later = b.lookup('B');
    q.calls[0].finish(new Error('connection lost'));
    await expect(failing).rejects.toThrow('connection lost');
    q.calls[1].finish();
    await expect(later).resolves.toEqual(['row of B']);
  });

  it('a query that throws instead of rejecting fails its lookups and frees its place', async () => {
    let n = 0;
    const b = new LookupBatcher(
      (serials: string[]) => {
        if (n++ === 0) throw new Error('bad config');
        return Promise.resolve(new Map(serials.map((s) => [s, [s]])));
      },
      1,
      8,
    );
    await expect(b.lookup('A')).rejects.toThrow('bad config');
    await expect(b.lookup('B')).resolves.toEqual(['B']);
  });

  it('refuses a limit below one', () => {
    expect(() => new LookupBatcher(() => Promise.resolve(new Map()), 0, 8)).toThrow();
  });
});
