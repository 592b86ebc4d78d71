import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../../src/common/paths';
import { FACT_TYPES } from '../../src/facts/fact-types';
import { FactVerifier } from '../../src/facts/fact-verifier';
import { SigningService } from '../../src/signing/signing.service';
import type { Finding } from '../../src/transparency/findings';
import { TransparencyService } from '../../src/transparency/transparency.service';
import { createDecision, graduateRows, receiveBlanks, waitJob } from '../support/register-fixtures';
import { TEST_ENV } from '../support/test-env';
import { startTestApp, type TestApp } from '../support/test-app';

// ---- An independent RFC 9162 verifier (§2.1.3.2, §2.1.4.2), written from the RFC, not the project's code.
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const node = (l: Buffer, r: Buffer) => sha(Buffer.from([1]), l, r);

function rootFromInclusion(index: number, size: number, leaf: Buffer, path: Buffer[]): Buffer | null {
  if (index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

function consistencyOk(
  first: number,
  second: number,
  proof: Buffer[],
  firstRoot: Buffer,
  secondRoot: Buffer,
): boolean {
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0;
  let path = proof;
  if ((first & (first - 1)) === 0) path = [firstRoot, ...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = node(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

/** Independent C2SP note check: key hash, em-dash signature line, Ed25519 over the body. */
function checkpointSignedBy(
  note: string,
  verifierKey: string,
): { origin: string; size: number; root: Buffer } | null {
  // name+hash+base64: the base64 part may itself contain '+'
  const a = verifierKey.indexOf('+');
  const b = verifierKey.indexOf('+', a + 1);
  const [name, hashHex, keyB64] = [
    verifierKey.slice(0, a),
    verifierKey.slice(a + 1, b),
    verifierKey.slice(b + 1),
  ];
  const raw = Buffer.from(keyB64, 'base64');
  if (raw[0] !== 1) return null;
  const pub = createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw.subarray(1)]),
    format: 'der',
    type: 'spki',
  });
  const split = note.indexOf('\n\n');
  const body = note.slice(0, split + 1);
  for (const line of note.slice(split + 2).split('\n')) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const sig = Buffer.from(m[2], 'base64');
    if (sig.subarray(0, 4).toString('hex') !== hashHex) continue;
    if (verify(null, Buffer.from(body), pub, sig.subarray(4))) {
      const [origin, size, root] = body.split('\n');
      return { origin, size: Number(size), root: Buffer.from(root, 'base64') };
    }
  }
  return null;
}

/** One copy request (two copies) of the chain's second THPT diploma by its custodian SGD-BTR, made once per app. */
const copyChains = new WeakMap<TestApp, Promise<{ requestId: string; copyId: string }>>();
const copyChain = (t: TestApp) => {
  if (!copyChains.has(t))
    copyChains.set(
      t,
      (async () => {
        const { secondEntryId } = await registerChain(t);
        const res = await t.http
          .post(`/api/v1/diplomas/${secondEntryId}/copies`)
          .set(await t.auth('btr.registrar'))
          .send({
            requesterName: 'Nguyễn Văn Nhận',
            requesterPersonalIdNumber: '083207001234',
            relationship: 'holder',
            quantity: 2,
            receivedAt: '2026-03-02T09:00:00+07:00',
            signerName: 'Trần Văn Khải',
            signerTitle: 'GIÁM ĐỐC',
          })
          .expect(201);
        return { requestId: res.body.id as string, copyId: res.body.copies[0].id as string };
      })(),
    );
  return copyChains.get(t)!;
};

// ---- One way to create a fact of each registered type through the API. The test fails for a type without one.
interface Fixture {
  create(t: TestApp): Promise<string>;
  /** Columns to change when forging an inserted copy (unique constraints). */
  forge?: (suffix: string) => Record<string, string | number>;
}

let seq = 0;
/** Numbers of the amendment fixtures (apart from `seq`, which other fixtures turn into dates). */
let amendSeq = 0;

/** One issued decision, a draft one, a handover, a closed book and a custody transfer, created once per app. */
const chains = new WeakMap<TestApp, ReturnType<typeof buildChain>>();
const registerChain = (t: TestApp) => {
  if (!chains.has(t)) chains.set(t, buildChain(t));
  return chains.get(t)!;
};
async function buildChain(t: TestApp) {
  await receiveBlanks(t, 'btr.registrar', 'THPT', 'FL', 1, 20);
  const decisionId = await createDecision(t, 'btr.registrar', {
    decisionNo: '501/QĐ-SGDĐT',
    decidedOn: '2025-07-20',
    credentialType: 'THPT',
    schoolCode: 'THPT-BTR-NDCHIEU',
    graduationYear: 2025,
  });
  const draftId = await createDecision(t, 'btr.registrar', {
    decisionNo: '502/QĐ-SGDĐT',
    decidedOn: '2025-07-20',
    credentialType: 'THPT',
    schoolCode: 'THPT-BTR-CHUYENBT',
    graduationYear: 2025,
  });
  const reg = await t.auth('btr.registrar');
  await t.http
    .post(`/api/v1/graduation-decisions/${decisionId}/graduates`)
    .set(reg)
    .send({ graduates: graduateRows(2, 60) })
    .expect(200);
  await t.http
    .post(`/api/v1/graduation-decisions/${draftId}/graduates`)
    .set(reg)
    .send({ graduates: graduateRows(1, 61) })
    .expect(200);
  const job = await t.http
    .post(`/api/v1/graduation-decisions/${decisionId}/issue`)
    .set(await t.auth('btr.signer'))
    .send({ issuedOn: '2025-08-10' })
    .expect(202);
  const done = await waitJob(t, 'btr.signer', job.body.id);
  const entries = await t.sql<{ id: string }>(
    `SELECT id FROM register_entries WHERE decision_id = $1 ORDER BY register_sequence`,
    [decisionId],
  );
  const [draftGraduate] = await t.sql<{ id: string }>(`SELECT id FROM graduates WHERE decision_id = $1`, [
    draftId,
  ]);
  await t.http
    .post(`/api/v1/diplomas/${entries[0].id}/handover`)
    .set(reg)
    .send({
      receivedOn: '2025-09-05',
      receiverName: 'Nguyễn Văn Nhận',
      receiverPersonalIdNumber: '083207001234',
      relationship: 'self',
    })
    .expect(200);
  const bookId = done.result.registerBookId as string;
  await t.http
    .post(`/api/v1/register-books/${bookId}/close`)
    .set(await t.auth('btr.signer'))
    .send({ signerName: 'Trần Văn Khải', signerTitle: 'Giám đốc' })
    .expect(200);
  const thcs = await createDecision(t, 'xa.phutuc', {
    decisionNo: '21/QĐ-UBND',
    decidedOn: '2025-08-01',
    credentialType: 'THCS',
    schoolCode: 'THCS-BTR-PHUTUC',
    graduationYear: 2025,
    signerTitle: 'Chủ tịch',
  });
  await t.http
    .post(`/api/v1/graduation-decisions/${thcs}/graduates`)
    .set(await t.auth('xa.phutuc'))
    .send({ graduates: graduateRows(1, 62) })
    .expect(200);
  await receiveBlanks(t, 'xa.phutuc', 'THCS', 'FC', 1, 5);
  const thcsJob = await t.http
    .post(`/api/v1/graduation-decisions/${thcs}/issue`)
    .set(await t.auth('xa.phutuc'))
    .send({ issuedOn: '2025-08-12' })
    .expect(202);
  const thcsBook = (await waitJob(t, 'xa.phutuc', thcsJob.body.id)).result.registerBookId as string;
  const transfer = await t.http
    .post('/api/v1/register-books/custody-transfers')
    .set(await t.auth('btr.admin'))
    .send({
      issuerOrgCode: 'XA-BTR-PHUTUC',
      credentialType: 'THCS',
      toOrgCode: 'SGD-BTR',
      effectiveOn: '2026-05-31',
      handoverRecordNo: '15/BB-BGSG',
      handoverRecordDate: '2026-05-30',
    })
    .expect(201);
  const one = async (sql: string, p: unknown[]) => (await t.sql<{ id: string }>(sql, p))[0].id;
  return {
    decisionId,
    draftId,
    graduateId: await one(`SELECT id FROM graduates WHERE decision_id = $1 ORDER BY row_no LIMIT 1`, [
      decisionId,
    ]),
    draftGraduateId: draftGraduate.id,
    entryId: entries[0].id,
    secondEntryId: entries[1].id,
    issuanceId: await one(`SELECT id FROM issuances WHERE decision_id = $1`, [decisionId]),
    handoverId: await one(`SELECT id FROM handovers WHERE entry_id = $1`, [entries[0].id]),
    closureId: await one(`SELECT id FROM register_book_closures WHERE book_id = $1`, [bookId]),
    thcsBookId: thcsBook,
    thcsEntryId: await one(`SELECT id FROM register_entries WHERE book_id = $1`, [thcsBook]),
    transferId: transfer.body.id as string,
  };
}

const FIXTURES: Record<string, Fixture> = {
  'graduation.decision': {
    create: async (t) => (await registerChain(t)).decisionId,
    forge: (s) => ({ decision_no: `FORGED ${s}` }),
  },
  'graduation.graduate': {
    create: async (t) => (await registerChain(t)).graduateId,
    forge: () => ({ row_no: 9999 }),
  },
  'register.entry': {
    create: async (t) => (await registerChain(t)).entryId,
    forge: () => ({ register_sequence: 99_999, graduate_id: chainSync.draftGraduateId }),
  },
  'register.issuance': {
    create: async (t) => (await registerChain(t)).issuanceId,
    forge: () => ({ decision_id: chainSync.draftId }),
  },
  'register.handover': {
    create: async (t) => (await registerChain(t)).handoverId,
    forge: () => ({ entry_id: chainSync.secondEntryId }),
  },
  'register.closure': {
    create: async (t) => (await registerChain(t)).closureId,
    forge: () => ({ book_id: chainSync.thcsBookId }),
  },
  'register.custodyTransfer': { create: async (t) => (await registerChain(t)).transferId },
  'register.entrySerial': {
    async create(t) {
      // The THCS diploma of the chain: its book is open (the THPT book is closed, REG-7).
      const { thcsEntryId } = await registerChain(t);
      const auth = await t.auth('xa.phutuc');
      const now = await t.http.get(`/api/v1/diplomas/${thcsEntryId}`).set(auth).expect(200);
      await t.http
        .post(`/api/v1/diplomas/${thcsEntryId}/misprints`)
        .set(auth)
        .send({ serialNumber: now.body.serialNumber, note: 'Kẹt giấy' })
        .expect(201);
      const [row] = await t.sql<{ id: string }>(
        `SELECT id FROM register_entry_serials WHERE entry_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
        [thcsEntryId],
      );
      return row.id;
    },
    forge: (s) => ({ serial_number: `FORGED${s}` }),
  },
  'register.revocation': {
    async create(t) {
      // The handed-over THPT diploma of the chain; its custodian SGD-BTR decides (once).
      const { entryId } = await registerChain(t);
      const existing = await t.sql<{ id: string }>(`SELECT id FROM revocations WHERE entry_id = $1`, [
        entryId,
      ]);
      if (existing.length) return existing[0].id;
      await t.http
        .post(`/api/v1/diplomas/${entryId}/revocations`)
        .set(await t.auth('btr.registrar'))
        .send({ ground: 'fraud', decisionNo: '9/QĐ-SGDĐT', decidedOn: '2026-03-02' })
        .expect(201);
      const [row] = await t.sql<{ id: string }>(`SELECT id FROM revocations WHERE entry_id = $1`, [entryId]);
      return row.id;
    },
    forge: () => ({ entry_id: chainSync.secondEntryId }),
  },
  'copy.request': {
    create: async (t) => (await copyChain(t)).requestId,
    forge: (s) => ({ requester_name: `FORGED ${s}` }),
  },
  'copy.registerCopy': {
    create: async (t) => (await copyChain(t)).copyId,
    forge: (s) => ({ copy_sequence: 100_000 + Number(s), copy_entry_number: `FORGED${s}` }),
  },
  'register.correction': {
    async create(t) {
      // The THCS diploma of the chain, now in SGD-BTR's custody (custody transfer of the chain).
      const { thcsEntryId } = await registerChain(t);
      const res = await t.http
        .post(`/api/v1/diplomas/${thcsEntryId}/corrections`)
        .set(await t.auth('btr.registrar'))
        .send({
          ground: 'ethnicityOrGenderRedetermined',
          decisionNo: `${++amendSeq}/QĐ-SGDĐT`,
          decidedOn: '2026-06-10',
          evidenceRef: 'Quyết định xác định lại dân tộc',
          changes: { ethnicity: `Tày ${amendSeq}` },
        })
        .expect(201);
      const [row] = await t.sql<{ id: string }>(
        `SELECT id FROM corrections WHERE entry_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
        [res.body.id],
      );
      return row.id;
    },
  },
  'register.reissue': {
    async create(t) {
      // A fresh diploma of its own each time (a diploma is re-issued once), in the open 2024 book (the
      // chain closed 2025's).
      const prefix = `RI${++amendSeq}`;
      await receiveBlanks(t, 'btr.registrar', 'THPT', prefix, 1, 3);
      const decisionId = await createDecision(t, 'btr.registrar', {
        decisionNo: `${amendSeq}/QĐ-SGDĐT`,
        decidedOn: '2024-07-20',
        credentialType: 'THPT',
        schoolCode: 'THPT-BTR-NDCHIEU',
        graduationYear: 2024,
      });
      await t.http
        .post(`/api/v1/graduation-decisions/${decisionId}/graduates`)
        .set(await t.auth('btr.registrar'))
        .send({ graduates: graduateRows(1, 100 + amendSeq) })
        .expect(200);
      const job = await t.http
        .post(`/api/v1/graduation-decisions/${decisionId}/issue`)
        .set(await t.auth('btr.signer'))
        .send({ issuedOn: '2024-08-10' })
        .expect(202);
      await waitJob(t, 'btr.signer', job.body.id);
      const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM register_entries WHERE decision_id = $1`, [
        decisionId,
      ]);
      await t.http
        .post(`/api/v1/diplomas/${id}/reissues`)
        .set(await t.auth('btr.registrar'))
        .send({ decisionNo: `${amendSeq}/QĐ-CL`, decidedOn: '2026-03-20', reason: 'Lỗi của cơ quan cấp' })
        .expect(201);
      const [row] = await t.sql<{ id: string }>(`SELECT id FROM reissues WHERE entry_id = $1`, [id]);
      return row.id;
    },
    forge: () => ({ entry_id: chainSync.secondEntryId, new_entry_id: chainSync.entryId }),
  },
  'copy.refusal': {
    async create(t) {
      const res = await t.http
        .post('/api/v1/copy-refusals')
        .set(await t.auth('btr.registrar'))
        .send({
          reason: 'noRegister',
          requested: { fullName: 'Phạm Văn Không Có', dateOfBirth: '2006-02-03' },
          requesterName: 'Phạm Văn Hỏi',
          requesterPersonalIdNumber: '083206001111',
          receivedAt: '2026-11-27T09:30:00+07:00',
          signerName: 'Trần Văn Khải',
          signerTitle: 'Giám đốc',
        })
        .expect(201);
      return res.body.id as string;
    },
  },
  'printing.diplomaPrint': {
    async create(t) {
      const { secondEntryId } = await registerChain(t);
      await t.http
        .get(`/api/v1/diplomas/${secondEntryId}/pdf?mode=overlay&reprint=true`)
        .set(await t.auth('btr.printer'))
        .expect(200);
      const [row] = await t.sql<{ id: string }>(
        `SELECT id FROM diploma_prints WHERE entry_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
        [secondEntryId],
      );
      return row.id;
    },
    forge: (s) => ({ serial_number: `FORGED${s}` }),
  },
  'org.registration': {
    async create(t) {
      const code = `THCS-BTR-FACT${++seq}`;
      const res = await t.http
        .post('/api/v1/orgs')
        .set(await t.auth('btr.admin'))
        .send({ code, name: `Trường THCS Thử nghiệm ${seq}`, kind: 'school', parentCode: 'XA-BTR-PHUTUC' })
        .expect(201);
      return res.body.id as string;
    },
    forge: (s) => ({ code: `FORGED-${s}` }),
  },
  'org.succession': {
    async create(t) {
      const id = await FIXTURES['org.registration'].create(t);
      const [{ code }] = await t.sql<{ code: string }>(`SELECT code FROM organisations WHERE id = $1`, [id]);
      await t.http
        .post(`/api/v1/orgs/${code}/dissolution`)
        .set(await t.auth('btr.admin'))
        .send({
          effectiveOn: '2026-09-01',
          successorCode: 'THCS-BTR-PHUTUC',
          kind: 'merger',
          legalBasis: 'Quyết định 99/QĐ-UBND',
        })
        .expect(200);
      const [row] = await t.sql<{ id: string }>(
        `SELECT id FROM organisation_successions WHERE predecessor_id = $1`,
        [id],
      );
      return row.id;
    },
  },
  'custody.assignment': {
    async create(t) {
      const res = await t.http
        .post('/api/v1/custody/assignments')
        .set(await t.auth('btr.admin'))
        .send({
          issuerOrgCode: 'XA-BTR-MOCAY',
          credentialType: 'THCS',
          custodianOrgCode: 'SGD-BTR',
          // a new day for each assignment, from 11 May 2026 on
          effectiveFrom: new Date(Date.UTC(2026, 4, 10) + ++seq * 86_400_000).toISOString().slice(0, 10),
          transferRecordRef: 'Biên bản bàn giao 7/BB',
        })
        .expect(201);
      return res.body.id as string;
    },
    forge: () => ({ effective_from: '2027-12-31' }),
  },
  'blank.receipt': {
    async create(t) {
      const res = await t.http
        .post('/api/v1/blanks/receipts')
        .set(await t.auth('btr.registrar'))
        .send({
          credentialType: 'THPT',
          serialPrefix: `F${++seq}`,
          from: 1,
          to: 20,
          receivedFrom: 'VN-NARIC',
          documentRef: 'PX 7',
          receivedOn: '2026-02-02',
        })
        .expect(201);
      return res.body.id as string;
    },
  },
  'blank.movement': {
    async create(t) {
      const prefix = `M${++seq}`;
      const auth = await t.auth('btr.registrar');
      await t.http
        .post('/api/v1/blanks/receipts')
        .set(auth)
        .send({
          credentialType: 'THPT',
          serialPrefix: prefix,
          from: 1,
          to: 20,
          receivedFrom: 'VN-NARIC',
          documentRef: 'PX 8',
          receivedOn: '2026-02-02',
        })
        .expect(201);
      const res = await t.http
        .post('/api/v1/blanks/transfers')
        .set(auth)
        .send({
          toOrgCode: 'THPT-BTR-CHUYENBT',
          credentialType: 'THPT',
          ranges: [{ from: `${prefix}0000001`, to: `${prefix}0000005` }],
        })
        .expect(201);
      return res.body.movements[0].id as string;
    },
  },
  'blank.record': {
    async create(t) {
      const prefix = `R${++seq}`;
      const auth = await t.auth('btr.registrar');
      await t.http
        .post('/api/v1/blanks/receipts')
        .set(auth)
        .send({
          credentialType: 'THPT',
          serialPrefix: prefix,
          from: 1,
          to: 3,
          receivedFrom: 'VN-NARIC',
          documentRef: 'PX 9',
          receivedOn: '2026-02-02',
        })
        .expect(201);
      await t.http
        .post('/api/v1/blanks/spoilages')
        .set(auth)
        .send({ serials: [`${prefix}0000001`], reason: 'damaged' })
        .expect(201);
      const res = await t.http
        .post('/api/v1/blanks/destructions')
        .set(auth)
        .send({
          serials: [`${prefix}0000001`],
          recordNo: `BB ${seq}`,
          councilMembers: [
            { name: 'Võ Minh Trí', title: 'Phó Giám đốc', role: 'Chủ tịch' },
            { name: 'Huỳnh Thị Mỹ Linh', title: 'Chuyên viên', role: 'Thư ký' },
          ],
          method: 'Cắt hủy',
          destroyedOn: '2026-02-03',
        })
        .expect(201);
      return res.body.recordId as string;
    },
  },
  'rulebook.setting': {
    async create(t) {
      const marker = `Quyết định ${++seq}/QĐ-SGDĐT`;
      await t.http
        .post('/api/v1/rulebook/settings')
        .set(await t.auth('btr.admin'))
        .send({
          key: 'copy.fee',
          value: 20000,
          validFrom: '2027-01-01',
          legalBasis: marker,
          scopeOrgCode: 'SGD-BTR',
        })
        .expect(201);
      const [row] = await t.sql<{ id: string }>(`SELECT id FROM settings WHERE legal_basis = $1`, [marker]);
      return row.id;
    },
  },
};

/** The chain of the main app, once built (forge overrides are synchronous). */
let chainSync: Awaited<ReturnType<typeof buildChain>>;

describe('fact log and transparency log', () => {
  let t: TestApp;
  let su: Client; // a superuser session that can switch triggers off, as an insider could
  const created: Record<string, string> = {};

  const integrate = () => t.running.app.get(TransparencyService).integrate();
  const verifyLog = () => t.running.app.get(FactVerifier).verify();
  const asInsider = async (sql: string, params?: unknown[]) => {
    await su.query('SET session_replication_role = replica');
    try {
      return (await su.query(sql, params)).rows as Record<string, unknown>[];
    } finally {
      await su.query('SET session_replication_role = origin');
    }
  };
  const tableOf = (type: string) => FACT_TYPES.find((d) => d.type === type)!.table;

  beforeAll(async () => {
    t = await startTestApp();
    su = new Client({ connectionString: t.dbUrl });
    await su.connect();
    for (const def of FACT_TYPES) created[def.type] = await FIXTURES[def.type].create(t);
    chainSync = await registerChain(t);
    await integrate();
  });
  afterAll(async () => {
    await su.end();
    await t.close();
  });

  it('every registered fact type has a fixture (so the tamper tests cover it)', () => {
    expect(FACT_TYPES.map((d) => d.type).filter((x) => !FIXTURES[x])).toEqual([]);
    expect(FACT_TYPES.length).toBeGreaterThanOrEqual(4);
  });

  it('each recorded fact has one log entry, one outbox row and one leaf; the act has its audit row', async () => {
    for (const [type, id] of Object.entries(created)) {
      const rows = await t.sql<{ leaf_index: string | null; outbox: string }>(
        `SELECT l.leaf_index, (SELECT count(*) FROM outbox_events o WHERE o.fact_type = e.fact_type AND o.fact_id = e.fact_id) AS outbox
         FROM log_entries e LEFT JOIN log_leaves l ON l.entry_id = e.id WHERE e.fact_type = $1 AND e.fact_id = $2`,
        [type, id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].leaf_index).not.toBeNull();
      expect(rows[0].outbox).toBe('1');
    }
    const audit = await t.sql<{ action: string }>(
      `SELECT action FROM audit_events WHERE action IN ('org.create', 'org.dissolve', 'custody.assign', 'rulebook.setting.add')`,
    );
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set(['org.create', 'org.dissolve', 'custody.assign', 'rulebook.setting.add']),
    );
  });

  it('the seeded rulebook and demo organisations are in the log too; verify-log finds nothing on an untouched database', async () => {
    const report = await verifyLog();
    expect(report.findings).toEqual([]);
    expect(report.pending).toBe(0);
    const [{ n }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM settings`);
    expect(report.facts).toBeGreaterThan(Number(n));
    expect(report.leaves).toBe(report.facts);
  });

  it('a fact that fails to write leaves no entry, leaf or outbox row behind (one transaction)', async () => {
    const [{ n: before }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM log_entries`);
    const res = await t.http
      .post('/api/v1/orgs')
      .set(await t.auth('btr.admin'))
      .send({ code: 'THCS-BTR-PHUTUC', name: 'Trùng mã', kind: 'school', parentCode: 'XA-BTR-PHUTUC' });
    expect(res.body.code).toBe('ORG_CODE_TAKEN');
    const [{ n: after }] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM log_entries`);
    expect(after).toBe(before);
  });

  const expectFinding = (findings: Finding[], kind: Finding['kind'], type: string, id: string) =>
    expect(findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind, factType: type, factId: id })]),
    );

  it.each(FACT_TYPES.map((d) => d.type))(
    '%s: changing a fact by SQL is named by verify-log (CHANGED)',
    async (type) => {
      const id = created[type];
      await asInsider(
        `UPDATE "${tableOf(type)}" SET created_at = created_at + interval '1 microsecond' WHERE id = $1`,
        [id],
      );
      const report = await verifyLog();
      expectFinding(report.findings, 'CHANGED', type, id);
      expect(report.findings).toHaveLength(1);
      await asInsider(
        `UPDATE "${tableOf(type)}" SET created_at = created_at - interval '1 microsecond' WHERE id = $1`,
        [id],
      );
      expect((await verifyLog()).findings).toEqual([]);
    },
  );

  it.each(FACT_TYPES.map((d) => d.type))(
    '%s: deleting a fact by SQL is named by verify-log (DELETED)',
    async (type) => {
      const id = created[type];
      const table = tableOf(type);
      const [saved] = await asInsider(`SELECT to_jsonb(x) AS row FROM "${table}" x WHERE id = $1`, [id]);
      await asInsider(`DELETE FROM "${table}" WHERE id = $1`, [id]);
      const report = await verifyLog();
      expectFinding(report.findings, 'DELETED', type, id);
      expect(report.findings).toHaveLength(1);
      await asInsider(
        `INSERT INTO "${table}" SELECT (jsonb_populate_record(null::"${table}", $1::jsonb)).*`,
        [saved.row],
      );
      expect((await verifyLog()).findings).toEqual([]);
    },
  );

  it.each(FACT_TYPES.map((d) => d.type))(
    '%s: inserting a fact by SQL is named by verify-log (UNLOGGED)',
    async (type) => {
      const table = tableOf(type);
      const forged = '01900000-0000-7000-8000-' + String(Date.now()).slice(-12).padStart(12, '0');
      const overrides = { id: forged, ...(FIXTURES[type].forge?.(String(++seq)) ?? {}) };
      await asInsider(
        `INSERT INTO "${table}" SELECT (jsonb_populate_record(null::"${table}", to_jsonb(x) || $2::jsonb)).* FROM "${table}" x WHERE id = $1`,
        [created[type], JSON.stringify(overrides)],
      );
      const report = await verifyLog();
      expectFinding(report.findings, 'UNLOGGED', type, forged);
      expect(report.findings).toHaveLength(1);
      await asInsider(`DELETE FROM "${table}" WHERE id = $1`, [forged]);
      expect((await verifyLog()).findings).toEqual([]);
    },
  );

  it('editing a log entry, a tree node or a checkpoint is caught as well', async () => {
    const [leaf] = await t.sql<{ entry_id: string; leaf_index: string }>(
      `SELECT entry_id, leaf_index FROM log_leaves ORDER BY leaf_index LIMIT 1 OFFSET 3`,
    );
    await asInsider(`UPDATE log_entries SET commitment = sha256(commitment) WHERE id = $1`, [leaf.entry_id]);
    const kinds = (await verifyLog()).findings.map((f) => f.kind);
    expect(kinds).toContain('CHANGED'); // the commitment no longer matches the fact
    await asInsider(`UPDATE log_nodes SET hash = sha256(hash) WHERE level = 1 AND idx = 0`);
    expect((await verifyLog()).findings.map((f) => f.kind)).toContain('NODE_MISMATCH');
    await asInsider(
      `UPDATE log_checkpoints SET note = replace(note, '\u2014', '-') WHERE tree_size = (SELECT max(tree_size) FROM log_checkpoints)`,
    );
    expect((await verifyLog()).findings.map((f) => f.kind)).toContain('BAD_CHECKPOINT');
  });

  it('`npm run cli -- verify-log` exits non-zero and names the changed fact', async () => {
    // a fresh app on a fresh clone, because the previous test left its database tampered
    const fresh = await startTestApp();
    try {
      const id = await FIXTURES['custody.assignment'].create(fresh);
      await fresh.running.app.get(TransparencyService).integrate();
      const cli = join(projectRoot(), 'dist', 'src', 'cli', 'main.js');
      const env = { ...process.env, ...TEST_ENV, DATABASE_URL: fresh.dbUrl };
      const ok = spawnSync(process.execPath, [cli, 'verify-log'], { env, encoding: 'utf8' });
      expect(ok.stdout).toMatch(/0 finding\(s\)/);
      expect(ok.status).toBe(0);
      const c = new Client({ connectionString: fresh.dbUrl });
      await c.connect();
      await c.query('SET session_replication_role = replica');
      await c.query(`UPDATE custody_assignments SET transfer_record_ref = 'sửa lén' WHERE id = $1`, [id]);
      await c.end();
      const bad = spawnSync(process.execPath, [cli, 'verify-log'], { env, encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain(`CHANGED custody.assignment ${id}`);
    } finally {
      await fresh.close();
    }
  });
});

describe('public proofs, checked by an independent implementation', () => {
  let t: TestApp;
  const witness = generateKeyPairSync('ed25519');
  const witnessRaw = witness.publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
  const witnessHash = createHash('sha256')
    .update(Buffer.concat([Buffer.from('witness.example\n'), Buffer.from([1]), witnessRaw]))
    .digest()
    .subarray(0, 4);
  const witnessKey = `witness.example+${witnessHash.toString('hex')}+${Buffer.concat([Buffer.from([1]), witnessRaw]).toString('base64')}`;

  beforeAll(async () => {
    t = await startTestApp({ env: { WITNESS_KEYS: witnessKey, LOG_ORIGIN: 'vbcc.test/log' } });
    await t.running.app.get(TransparencyService).integrate();
  });
  afterAll(async () => {
    await t.close();
  });

  it('the checkpoint is a C2SP note signed by a published log key', async () => {
    const cp = await t.http.get('/api/v1/public/transparency/checkpoint').expect(200);
    const keys = await t.http.get('/api/v1/public/transparency/keys').expect(200);
    const opened = keys.body.items
      .map((k: { verifierKey: string }) => checkpointSignedBy(cp.body.note, k.verifierKey))
      .find(Boolean);
    expect(opened).toEqual({
      origin: 'vbcc.test/log',
      size: cp.body.treeSize,
      root: Buffer.from(cp.body.rootHash, 'base64'),
    });
    expect(cp.body.origin).toBe('vbcc.test/log');
    expect(cp.body.treeSize).toBeGreaterThan(40);
  });

  it('every leaf’s inclusion proof from the API verifies against the checkpoint root', async () => {
    const cp = (await t.http.get('/api/v1/public/transparency/checkpoint').expect(200)).body;
    const root = Buffer.from(cp.rootHash, 'base64');
    const leaves = (
      await t.http.get(`/api/v1/public/transparency/leaves?start=0&end=${cp.treeSize}`).expect(200)
    ).body.leafHashes as string[];
    expect(leaves).toHaveLength(cp.treeSize);
    for (let i = 0; i < cp.treeSize; i++) {
      const p = (
        await t.http
          .get(`/api/v1/public/transparency/inclusion?leafIndex=${i}&treeSize=${cp.treeSize}`)
          .expect(200)
      ).body;
      expect(p.leafHash).toBe(leaves[i]);
      const computed = rootFromInclusion(
        i,
        cp.treeSize,
        Buffer.from(p.leafHash, 'base64'),
        p.auditPath.map((h: string) => Buffer.from(h, 'base64')),
      );
      expect(computed?.equals(root)).toBe(true);
      const forged = rootFromInclusion(
        i,
        cp.treeSize,
        sha(Buffer.from('x')),
        p.auditPath.map((h: string) => Buffer.from(h, 'base64')),
      );
      expect(forged?.equals(root)).toBe(false);
    }
  });

  it('a leaf hash is SHA-256(0x00 || commitment), the commitment SHA-256(salt || canonical fact), no personal data', async () => {
    const [row] = await t.sql<{ leaf_index: string; commitment: Buffer; leaf_hash: Buffer }>(
      `SELECT l.leaf_index, e.commitment, e.leaf_hash FROM log_leaves l JOIN log_entries e ON e.id = l.entry_id ORDER BY l.leaf_index DESC LIMIT 1`,
    );
    expect(row.leaf_hash.equals(sha(Buffer.from([0]), row.commitment))).toBe(true);
    const p = (
      await t.http.get(`/api/v1/public/transparency/inclusion?leafIndex=${row.leaf_index}`).expect(200)
    ).body;
    expect(Buffer.from(p.leafHash, 'base64').equals(row.leaf_hash)).toBe(true);
  });

  it('consistency proofs between two checkpoints verify; a bad proof does not', async () => {
    const first = (await t.http.get('/api/v1/public/transparency/checkpoint').expect(200)).body;
    await t.http
      .post('/api/v1/rulebook/settings')
      .set(await t.auth('bo.admin'))
      .send({ key: 'copy.fee', value: 5000, validFrom: '2028-01-01', legalBasis: 'Thông tư phí 2028' })
      .expect(201);
    await t.running.app.get(TransparencyService).integrate();
    const second = (await t.http.get('/api/v1/public/transparency/checkpoint').expect(200)).body;
    expect(second.treeSize).toBe(first.treeSize + 1);
    const old = (await t.http.get(`/api/v1/public/transparency/checkpoints/${first.treeSize}`).expect(200))
      .body;
    expect(old.rootHash).toBe(first.rootHash);
    const proof = (
      await t.http
        .get(`/api/v1/public/transparency/consistency?from=${first.treeSize}&to=${second.treeSize}`)
        .expect(200)
    ).body.proof.map((h: string) => Buffer.from(h, 'base64'));
    const r1 = Buffer.from(first.rootHash, 'base64');
    const r2 = Buffer.from(second.rootHash, 'base64');
    expect(consistencyOk(first.treeSize, second.treeSize, proof, r1, r2)).toBe(true);
    expect(consistencyOk(first.treeSize, second.treeSize, proof, r1, sha(r2))).toBe(false);
  });

  it('refuses proofs beyond the latest checkpoint and malformed parameters with stable codes', async () => {
    const cp = (await t.http.get('/api/v1/public/transparency/checkpoint').expect(200)).body;
    const beyond = await t.http.get(
      `/api/v1/public/transparency/inclusion?leafIndex=0&treeSize=${cp.treeSize + 5}`,
    );
    expect({ status: beyond.status, code: beyond.body.code }).toEqual({
      status: 400,
      code: 'LOG_TREE_SIZE_INVALID',
    });
    const idx = await t.http.get(
      `/api/v1/public/transparency/inclusion?leafIndex=${cp.treeSize}&treeSize=${cp.treeSize}`,
    );
    expect(idx.body.code).toBe('LOG_TREE_SIZE_INVALID');
    const neg = await t.http.get('/api/v1/public/transparency/inclusion?leafIndex=-1');
    expect(neg.body.code).toBe('VALIDATION_FAILED');
    const none = await t.http.get('/api/v1/public/transparency/checkpoints/3');
    expect({ status: none.status, code: none.body.code }).toEqual({
      status: 404,
      code: 'LOG_CHECKPOINT_NOT_FOUND',
    });
  });

  it('a configured witness cosigns a checkpoint; an unknown or wrong signature is refused', async () => {
    const cp = (await t.http.get('/api/v1/public/transparency/checkpoint').expect(200)).body;
    const body = cp.note.slice(0, cp.note.indexOf('\n\n') + 1);
    const sig = sign(null, Buffer.from(body), witness.privateKey);
    const line = `\u2014 witness.example ${Buffer.concat([witnessHash, sig]).toString('base64')}\n`;
    const ok = await t.http
      .post('/api/v1/public/transparency/cosignatures')
      .send({ treeSize: cp.treeSize, note: cp.note + line })
      .expect(200);
    expect(ok.body.accepted).toEqual(['witness.example']);
    const again = (await t.http.get('/api/v1/public/transparency/checkpoint').expect(200)).body;
    expect(again.note).toContain(line);
    expect(checkpointSignedBy(again.note, witnessKey)).not.toBeNull();

    const stranger = generateKeyPairSync('ed25519');
    const badLine = `\u2014 witness.example ${Buffer.concat([witnessHash, sign(null, Buffer.from(body), stranger.privateKey)]).toString('base64')}\n`;
    const bad = await t.http
      .post('/api/v1/public/transparency/cosignatures')
      .send({ treeSize: cp.treeSize, note: cp.note + badLine });
    expect({ status: bad.status, code: bad.body.code }).toEqual({
      status: 422,
      code: 'LOG_COSIGNATURE_INVALID',
    });
  });

  it('rotating the log key: new checkpoints use the new key, old ones still verify with the old one', async () => {
    const before = (await t.http.get('/api/v1/public/transparency/checkpoint').expect(200)).body;
    const rotated = await t.running.app.get(SigningService).rotate('log');
    expect(rotated.retired).not.toBeNull();
    await t.http
      .post('/api/v1/rulebook/settings')
      .set(await t.auth('bo.admin'))
      .send({ key: 'copy.fee', value: 7000, validFrom: '2030-01-01', legalBasis: 'Sau khi đổi khóa' })
      .expect(201);
    await t.running.app.get(TransparencyService).integrate();
    const after = (await t.http.get('/api/v1/public/transparency/checkpoint').expect(200)).body;
    const keys = (await t.http.get('/api/v1/public/transparency/keys').expect(200)).body.items as {
      keyId: string;
      verifierKey: string;
      retiredAt: string | null;
    }[];
    expect(keys).toHaveLength(2);
    const oldKey = keys.find((k) => k.keyId === rotated.retired)!;
    const newKey = keys.find((k) => k.keyId === rotated.created)!;
    expect(oldKey.retiredAt).not.toBeNull();
    expect(checkpointSignedBy(after.note, newKey.verifierKey)).not.toBeNull();
    expect(checkpointSignedBy(after.note, oldKey.verifierKey)).toBeNull();
    expect(checkpointSignedBy(before.note, oldKey.verifierKey)).not.toBeNull();
    expect((await t.running.app.get(FactVerifier).verify()).findings).toEqual([]);
  });

  it('parallel facts and concurrent integrations give gapless, unique leaf indexes', async () => {
    const admin = await t.auth('bo.admin');
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        t.http
          .post('/api/v1/rulebook/settings')
          .set(admin)
          .send({ key: 'copy.fee', value: i, validFrom: '2029-01-01', legalBasis: `Song song ${i}` })
          .expect(201),
      ),
    );
    const svc = t.running.app.get(TransparencyService);
    await Promise.all([svc.integrate(), svc.integrate(), svc.integrate()]);
    const [s] = await t.sql<{ n: string; max: string; entries: string; distinct_entries: string }>(
      `SELECT count(*) AS n, max(leaf_index) AS max, (SELECT count(*) FROM log_entries) AS entries, count(DISTINCT entry_id) AS distinct_entries FROM log_leaves`,
    );
    expect(Number(s.max) + 1).toBe(Number(s.n));
    expect(s.n).toBe(s.entries);
    expect(s.distinct_entries).toBe(s.entries);
    expect((await t.running.app.get(FactVerifier).verify()).findings).toEqual([]);
  });
});

describe('the integrator runs by itself', () => {
  it('with LOG_INTEGRATE_INTERVAL_MS set, a new fact reaches the tree and a new checkpoint without being asked', async () => {
    const t = await startTestApp({ env: { LOG_INTEGRATE_INTERVAL_MS: '200' } });
    try {
      const deadline = Date.now() + 10_000;
      const size = async () =>
        (await t.http.get('/api/v1/public/transparency/checkpoint').expect(200)).body.treeSize as number;
      let first = await size();
      while (first === 0 && Date.now() < deadline) first = await size(); // the demo facts of the clone
      const setting = await t.http
        .post('/api/v1/rulebook/settings')
        .set(await t.auth('bo.admin'))
        .send({ key: 'copy.fee', value: 1, validFrom: '2031-01-01', legalBasis: 'Tự động' })
        .expect(201);
      expect(setting.body.key).toBe('copy.fee');
      let now = await size();
      while (now === first && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        now = await size();
      }
      expect(now).toBe(first + 1);
    } finally {
      await t.close();
    }
  });
});
