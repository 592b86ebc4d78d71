import type { TestApp } from './test-app';

/** Vietnamese names with every diacritic, old and new tone placement, and one written in NFD. */
const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Hoàng',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE = ['Thị', 'Văn', 'Ngọc', 'Hữu', 'Thùy', 'Minh', 'Đức', 'Quỳnh', 'Hoà', 'Thuỷ'];
const GIVEN = [
  'Ánh',
  'Ẩn',
  'Ước',
  'Hưởng',
  'Khoẻ',
  'Quý',
  'Đạt',
  'Yến',
  'Thảo',
  'Phương',
  'Giàu',
  'Nhật',
  'Hiếu',
  'Trâm',
  'Ơn',
  'Ửng',
];

/**
 * n distinct graduates: the names come from a mixed-radix count over the name parts (35,840
 * combinations), and each further block of combinations is born on another day, so (name, birth
 * date) never repeats.
 */
export function graduateRows(n: number, seed = 1, opts: { classification?: boolean } = {}) {
  const combos = FAMILY.length * MIDDLE.length * GIVEN.length * GIVEN.length;
  return Array.from({ length: n }, (_, i) => {
    const k = i + seed * 1009;
    let r = k % combos;
    const parts = [FAMILY, MIDDLE, GIVEN, GIVEN].map((list) => {
      const v = list[r % list.length];
      r = Math.floor(r / list.length);
      return v;
    });
    const fullName = parts.join(' ');
    const born = new Date(
      Date.UTC(2007, 0, 1) + ((Math.floor(k / combos) * 37 + (k % 300)) % 700) * 86_400_000,
    );
    return {
      fullName: i === 0 ? fullName.normalize('NFD') : fullName,
      dateOfBirth: born.toISOString().slice(0, 10),
      placeOfBirth: i % 3 === 0 ? 'Bến Tre' : 'Thành phố Hồ Chí Minh',
      gender: i % 2 ? 'male' : 'female',
      ethnicity: i % 5 === 0 ? 'Khmer' : 'Kinh',
      ...(opts.classification ? { classification: ['veryGood', 'good', 'average'][i % 3] } : {}),
      className: `12A${1 + (i % 5)}`,
    };
  });
}

export async function receiveBlanks(
  t: TestApp,
  username: string,
  type: string,
  prefix: string,
  from: number,
  to: number,
): Promise<void> {
  const res = await t.http
    .post('/api/v1/blanks/receipts')
    .set(await t.auth(username))
    .send({
      credentialType: type,
      serialPrefix: prefix,
      from,
      to,
      receivedFrom: 'VN-NARIC',
      documentRef: `PX ${prefix}`,
      receivedOn: '2025-06-01',
    });
  if (res.status !== 201) throw new Error(`receipt failed: ${JSON.stringify(res.body)}`);
}

export async function createDecision(
  t: TestApp,
  username: string,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await t.http
    .post('/api/v1/graduation-decisions')
    .set(await t.auth(username))
    .send({ studyMode: 'regular', signerName: 'Trần Văn Khải', signerTitle: 'Giám đốc', ...body });
  if (res.status !== 201) throw new Error(`decision failed: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Polls GET /api/v1/jobs/:id until the job ends. */
export async function waitJob(t: TestApp, username: string, jobId: string, timeoutMs = 120_000) {
  const auth = await t.auth(username);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http.get(`/api/v1/jobs/${jobId}`).set(auth);
    if (res.body.state === 'succeeded' || res.body.state === 'failed')
      return res.body as {
        state: string;
        result: Record<string, unknown>;
        error: { code: string } | null;
        progress: { done: number; total: number };
      };
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${res.body.state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A Bến Tre THPT decision of the department, its graduates imported and issued on `issuedOn`: the
 * decision id and its diplomas' ids in register order.
 */
export async function issuedBtrDecision(
  t: TestApp,
  decision: {
    decisionNo: string;
    decidedOn: string;
    schoolCode: string;
    graduationYear: number;
    examCouncil?: string;
  },
  graduates: Record<string, unknown>[],
  issuedOn: string,
): Promise<{ decisionId: string; ids: string[] }> {
  const decisionId = await createDecision(t, 'btr.registrar', { credentialType: 'THPT', ...decision });
  const imported = await t.http
    .post(`/api/v1/graduation-decisions/${decisionId}/graduates`)
    .set(await t.auth('btr.registrar'))
    .send({ graduates });
  if (imported.status !== 200) throw new Error(`import failed: ${JSON.stringify(imported.body)}`);
  const job = await t.http
    .post(`/api/v1/graduation-decisions/${decisionId}/issue`)
    .set(await t.auth('btr.signer'))
    .send({ issuedOn });
  if (job.status !== 202) throw new Error(`issue failed: ${JSON.stringify(job.body)}`);
  const done = await waitJob(t, 'btr.signer', job.body.id as string);
  if (done.state !== 'succeeded') throw new Error(`issuance failed: ${JSON.stringify(done.error)}`);
  const ids = await t.sql<{ id: string }>(
    `SELECT id FROM register_entries WHERE decision_id = $1 ORDER BY register_sequence`,
    [decisionId],
  );
  return { decisionId, ids: ids.map((r) => r.id) };
}

/** One THCS diploma issued by the commune XA-BTR-PHUTUC (TT10: communes issue THCS), its id. */
export async function issuedCommuneThcs(t: TestApp, seed: number, blankPrefix: string): Promise<string> {
  const decisionId = await createDecision(t, 'xa.phutuc', {
    decisionNo: `${seed}/QĐ-UBND`,
    decidedOn: '2025-08-01',
    credentialType: 'THCS',
    schoolCode: 'THCS-BTR-PHUTUC',
    graduationYear: 2025,
    signerTitle: 'Chủ tịch',
  });
  const imported = await t.http
    .post(`/api/v1/graduation-decisions/${decisionId}/graduates`)
    .set(await t.auth('xa.phutuc'))
    .send({ graduates: graduateRows(1, seed) });
  if (imported.status !== 200) throw new Error(`import failed: ${JSON.stringify(imported.body)}`);
  await receiveBlanks(t, 'xa.phutuc', 'THCS', blankPrefix, 1, 3);
  const job = await t.http
    .post(`/api/v1/graduation-decisions/${decisionId}/issue`)
    .set(await t.auth('xa.phutuc'))
    .send({ issuedOn: '2025-08-12' });
  const done = await waitJob(t, 'xa.phutuc', job.body.id as string);
  if (done.state !== 'succeeded') throw new Error(`issuance failed: ${JSON.stringify(done.error)}`);
  const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM register_entries WHERE decision_id = $1`, [
    decisionId,
  ]);
  return id;
}
