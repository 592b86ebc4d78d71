import { FactVerifier } from '../../src/facts/fact-verifier';
import { TransparencyService } from '../../src/transparency/transparency.service';
import { createDecision, graduateRows, receiveBlanks, waitJob } from '../support/register-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/** Issue 5, acceptance 3: parallel issuances into one register book. */
describe('20 decisions issued in parallel into the same register book', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('NUM-2/3: numbers are unique and gapless, each decision contiguous; no blank is used twice', async () => {
    await receiveBlanks(t, 'btr.registrar', 'THPT', 'CP', 1, 400);
    const reg = await t.auth('btr.registrar');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const id = await createDecision(t, 'btr.registrar', {
        decisionNo: `${100 + i}/QĐ-SGDĐT`,
        decidedOn: '2025-07-20',
        credentialType: 'THPT',
        schoolCode: i % 2 ? 'THPT-BTR-CHUYENBT' : 'THPT-BTR-NDCHIEU',
        graduationYear: 2025,
      });
      await t.http
        .post(`/api/v1/graduation-decisions/${id}/graduates`)
        .set(reg)
        .send({ graduates: graduateRows(10, 200 + i) })
        .expect(200);
      ids.push(id);
    }
    const signer = await t.auth('btr.signer');
    const jobs = await Promise.all(
      ids.map((id) =>
        t.http.post(`/api/v1/graduation-decisions/${id}/issue`).set(signer).send({ issuedOn: '2025-08-10' }),
      ),
    );
    expect(jobs.map((j) => j.status)).toEqual(ids.map(() => 202));
    const results = await Promise.all(jobs.map((j) => waitJob(t, 'btr.signer', j.body.id)));
    expect(results.map((r) => r.state)).toEqual(ids.map(() => 'succeeded'));

    const entries = await t.sql<{
      decision_id: string;
      register_sequence: number;
      serial_number: string;
      book_id: string;
    }>(
      `SELECT decision_id, register_sequence, serial_number, book_id FROM register_entries ORDER BY register_sequence`,
    );
    expect(entries).toHaveLength(200);
    expect(new Set(entries.map((e) => e.book_id)).size).toBe(1);
    expect(entries.map((e) => e.register_sequence)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => e.serial_number)).size).toBe(200);
    for (const id of ids) {
      const seqs = entries.filter((e) => e.decision_id === id).map((e) => e.register_sequence);
      expect(seqs[seqs.length - 1] - seqs[0]).toBe(9); // one decision, one contiguous run
    }
    const [{ last_sequence }] = await t.sql<{ last_sequence: number }>(
      `SELECT last_sequence FROM register_books`,
    );
    expect(last_sequence).toBe(200);
    const printed = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM blanks WHERE serial_prefix = 'CP' AND state = 'printed'`,
    );
    expect(printed[0].n).toBe('200');
    await t.running.app.get(TransparencyService).integrate();
    expect((await t.running.app.get(FactVerifier).verify()).findings).toEqual([]);
  });
});
