import { BlanksService } from '../../src/blanks/blanks.service';
import { FactVerifier } from '../../src/facts/fact-verifier';
import { OrgsService } from '../../src/orgs/orgs.service';
import { TransparencyService } from '../../src/transparency/transparency.service';
import { startTestApp, type TestApp } from '../support/test-app';

/** Deterministic PRNG (mulberry32), so a failing interleaving of requests can be re-run. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const serial = (n: number) => `CC${String(n).padStart(7, '0')}`;
const N = 400;

describe('blanks under concurrency (issue 4, acceptance 3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('32 parallel transfers, uses and spoilages of overlapping serials leave one consistent state per serial', async () => {
    const seed = Number(process.env.BLANKS_SEED ?? 20261125);
    const rand = rng(seed);
    const sgd = await t.auth('btr.registrar');
    await t.http
      .post('/api/v1/blanks/receipts')
      .set(sgd)
      .send({
        credentialType: 'THPT',
        serialPrefix: 'CC',
        from: 1,
        to: N,
        receivedFrom: 'VN-NARIC',
        documentRef: 'PX 77',
        receivedOn: '2026-02-01',
      })
      .expect(201);
    const office = await t.running.app.get(OrgsService).getByCode('SGD-BTR');
    const blanks = t.running.app.get(BlanksService);

    type Outcome = { op: string; status: number; code?: string; serials?: string[] };
    const ops: (() => Promise<Outcome>)[] = [];
    for (let i = 0; i < 10; i++) {
      const start = 1 + Math.floor(rand() * 280); // CC0000001–CC0000299: overlaps the uses (low serials) and the spoilage
      ops.push(async () => {
        const res = await t.http
          .post('/api/v1/blanks/transfers')
          .set(sgd)
          .send({
            toOrgCode: 'THPT-BTR-CHUYENBT',
            credentialType: 'THPT',
            ranges: [{ from: serial(start), to: serial(start + 39) }],
          });
        return { op: 'transfer', status: res.status, code: res.body.code };
      });
    }
    for (let i = 0; i < 10; i++) {
      const list = [
        ...new Set(Array.from({ length: 6 }, () => serial(250 + Math.floor(rand() * (N - 249))))),
      ];
      ops.push(async () => {
        const res = await t.http
          .post('/api/v1/blanks/spoilages')
          .set(sgd)
          .send({ serials: list, reason: 'damaged' });
        return { op: 'spoil', status: res.status, code: res.body.code };
      });
    }
    for (let i = 0; i < 12; i++) {
      ops.push(async () => {
        try {
          const taken = await t.running.dataSource.transaction((em) =>
            blanks.takeForIssuance(em, office, 'THPT', 7, `QĐ ${i}`),
          );
          return { op: 'use', status: 201, serials: taken };
        } catch (e) {
          return { op: 'use', status: 409, code: (e as { code?: string }).code };
        }
      });
    }
    // shuffle, then run all 32 at once
    for (let i = ops.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [ops[i], ops[j]] = [ops[j], ops[i]];
    }
    const outcomes = await Promise.all(ops.map((op) => op()));
    const unexpected = outcomes.filter(
      (o) =>
        !(
          o.status === 201 ||
          (o.status === 409 &&
            ['BLANK_NOT_HELD', 'BLANK_STATE_INVALID', 'BLANK_INSUFFICIENT_STOCK'].includes(o.code!))
        ),
    );
    expect({ seed, unexpected }).toEqual({ seed, unexpected: [] });
    // Every kind of act both succeeded and collided at least once in this interleaving.
    const ok = (op: string) => outcomes.filter((o) => o.op === op && o.status === 201).length;
    expect({ transfer: ok('transfer') > 0, spoil: ok('spoil') > 0, use: ok('use') > 0 }).toEqual({
      transfer: true,
      spoil: true,
      use: true,
    });
    expect(outcomes.filter((o) => o.status === 409).length).toBeGreaterThan(0);

    // No serial was taken by two issuances.
    const used = outcomes.filter((o) => o.op === 'use' && o.status === 201).flatMap((o) => o.serials!);
    expect(new Set(used).size).toBe(used.length);

    // Replay every movement fact in order from the receipt: it must give exactly the stored state and holder of
    // every serial, and each movement must only have touched blanks its holder held in an allowed state.
    const orgs = new Map(
      (await t.sql<{ id: string; code: string }>(`SELECT id, code FROM organisations`)).map((o) => [
        o.id,
        o.code,
      ]),
    );
    const state = new Map<number, { state: string; holder: string }>();
    for (let n = 1; n <= N; n++) state.set(n, { state: 'inStock', holder: 'SGD-BTR' });
    const movements = await t.sql<{
      kind: string;
      ranges: [number, number][];
      from_org_id: string;
      to_org_id: string | null;
      quantity: number;
      usable_quantity: number;
    }>(
      `SELECT kind, ranges, from_org_id, to_org_id, quantity, usable_quantity FROM blank_movements WHERE serial_prefix = 'CC' ORDER BY created_at, id`,
    );
    const allowed: Record<string, string[]> = {
      transfer: ['inStock', 'allocated'],
      use: ['inStock', 'allocated'],
      spoil: ['inStock', 'allocated', 'printed', 'issued', 'spoiled'],
    };
    const target: Record<string, string> = { transfer: 'allocated', use: 'printed', spoil: 'spoiled' };
    for (const m of movements) {
      let count = 0;
      let usable = 0;
      for (const [a, b] of m.ranges) {
        for (let n = a; n <= b; n++) {
          const s = state.get(n)!;
          expect({ n, kind: m.kind, holder: s.holder, allowed: allowed[m.kind].includes(s.state) }).toEqual({
            n,
            kind: m.kind,
            holder: orgs.get(m.from_org_id),
            allowed: true,
          });
          if (s.state === 'inStock' || s.state === 'allocated') usable++;
          state.set(n, { state: target[m.kind], holder: m.to_org_id ? orgs.get(m.to_org_id)! : s.holder });
          count++;
        }
      }
      expect([count, usable]).toEqual([m.quantity, m.usable_quantity]);
    }
    const stored = await t.sql<{ number: string; state: string; code: string }>(
      `SELECT b.number, b.state, o.code FROM blanks b JOIN organisations o ON o.id = b.holder_org_id WHERE b.serial_prefix = 'CC' ORDER BY b.number`,
    );
    expect(stored).toHaveLength(N);
    for (const r of stored)
      expect({ n: r.number, state: r.state, holder: r.code }).toEqual({
        n: r.number,
        ...state.get(Number(r.number))!,
        holder: state.get(Number(r.number))!.holder,
      });
    // Every blank taken for issuance is still printed, or was spoiled after; nothing else is printed.
    const finalOf = new Map(stored.map((r) => [serial(Number(r.number)), r.state]));
    expect(used.filter((u) => !['printed', 'spoiled'].includes(finalOf.get(u)!))).toEqual([]);
    expect(stored.filter((r) => r.state === 'printed' && !used.includes(serial(Number(r.number))))).toEqual(
      [],
    );

    // Reconciliation still balances for both offices, and every fact is in the log.
    for (const org of ['SGD-BTR', 'THPT-BTR-CHUYENBT']) {
      const res = await t.http
        .get(
          `/api/v1/blanks/reconciliation?orgCode=${org}&year=${new Date().getFullYear()}&credentialType=THPT`,
        )
        .set(sgd)
        .expect(200);
      const closing = (res.body.items as { closing: number }[]).reduce((sum, l) => sum + l.closing, 0);
      const [{ n }] = await t.sql<{ n: string }>(
        `SELECT count(*) AS n FROM blanks b JOIN organisations o ON o.id = b.holder_org_id WHERE o.code = $1 AND b.state IN ('inStock', 'allocated')`,
        [org],
      );
      expect(closing).toBe(Number(n));
    }
    await t.running.app.get(TransparencyService).integrate();
    expect((await t.running.app.get(FactVerifier).verify()).findings).toEqual([]);
  });
});
