import fc from 'fast-check';
import type { Response } from 'supertest';
import { DEMO_PASSWORD } from '../../seeds/demo-data';
import { listRoutes, type RouteInfo } from '../../src/common/auth/route-inventory';
import { hasPermission, ROLES } from '../../src/common/auth/roles';
import { ERROR_HTTP_STATUS } from '../../src/common/errors/error-codes';
import { USERNAME_PATTERN } from '../../src/identity/dto/user.dto';
import { ORG_CODE_PATTERN } from '../../src/orgs/dto/organisation.dto';
import { ORGANISATION_KINDS } from '../../src/orgs/org-kinds';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue acceptance point 5: malformed JSON, unknown fields, wrong types and oversized bodies get
 * 400/413 with field-level details, and a property-based fuzz sends random bodies to every write
 * route (discovered from the route inventory) without a single 5xx.
 *
 * Reproduce a fuzz failure with FUZZ_SEED=<seed> (printed in the failure); FUZZ_RUNS lowers the
 * number of bodies per route while iterating locally.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_501);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const ONE_MIB = 1024 * 1024;

// bo.admin (ministry admin) holds every write permission of the foundation routes; routes that need a
// permission admins lack (register.manage, register.issue) run as WRITER, a user made for this suite and
// never offered to the fuzz as a username. The password route is fuzzed as bo.auditor so that, whatever
// happens there, bo.admin's session stays valid.
const ADMIN = 'bo.admin';
const WRITER = 'fuzz.writer';
const PASSWORD_FUZZER = 'bo.auditor';

type Body = Record<string, unknown>;
type CaseKind = 'valid' | 'mutated' | 'random' | 'nonObject' | 'raw';

interface FuzzCase {
  kind: CaseKind;
  /** Path parameter values as they go into the URL (already percent-encoded). */
  params: Record<string, string>;
  /** Whether a path parameter is deliberately invalid: the answer must then be 400 or 404. */
  garbageParams: boolean;
  /** The body exactly as sent, with Content-Type: application/json. */
  text: string;
  notes: string;
}

interface Failure {
  route: string;
  url: string;
  kind: CaseKind;
  notes: string;
  body: string;
  status: number | string;
  response: string;
  problems: string[];
  /** For a 5xx: the error the app logged for this request id. */
  serverError?: string;
}

// ---------------------------------------------------------------------------------------------
// Raw JSON splicing: some inputs (1e400, 20 000 levels of nesting) cannot go through
// JSON.stringify, so a sentinel string is replaced by literal JSON text after serialisation.
const RAW_MARK = '\u0001RAW:';
const raw = (jsonText: string) => `${RAW_MARK}${jsonText}`;
const RAW_RE = /"\\u0001RAW:((?:[^"\\]|\\.)*)"/g;

function serialise(value: unknown): string {
  return JSON.stringify(value).replace(RAW_RE, (_m, escaped: string) => JSON.parse(`"${escaped}"`) as string);
}

function setProp(body: Body, key: string, value: unknown): Body {
  const copy: Body = { ...body };
  // defineProperty, so that "__proto__" becomes an own (serialised) key instead of a prototype.
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length];
}

/** Percent-encodes every byte outside the unreserved set (lone surrogates become U+FFFD). */
function pctEncode(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9._~-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const truncate = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

// ---------------------------------------------------------------------------------------------
// Value arbitraries

const VIETNAMESE = [
  'Trường THPT Chuyên Bến Tre',
  'Ủy ban nhân dân xã Phú Túc',
  'Nguyễn Thị Ngọc Hân',
  'ỦY BAN NHÂN DÂN TỈNH BẾN TRE',
  'Quyết định 123/QĐ-SGDĐT',
  'Tết Nguyên đán',
  'Đặng Văn Lộc',
  // decomposed (NFD) form of "Hương"
  'Hu\u031bo\u031bng',
];

/** Strings that break naive code: NUL, lone surrogates, combining marks, injections, emoji. */
const nastyString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    'e\u0301',
    '🎓📜',
    '\u202eevil',
    '<script>alert(1)</script>',
    "'; DROP TABLE users; --",
    '%00',
    '../../etc/passwd',
    '${jndi:ldap://x}',
    '\r\n\t',
    '\uFEFF',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(...VIETNAMESE).map((s) => `${s}\u0000`),
);

const longString = fc
  .tuple(fc.constantFrom('x', 'Đ', 'ệ', '🎓', 'A1-'), fc.constantFrom(101, 201, 301, 501, 5_000, 60_000))
  .map(([unit, n]) => unit.repeat(n));

const hugeNumber = fc.constantFrom(
  raw('1e400'),
  raw('-1e400'),
  raw('1e-400'),
  raw('123456789012345678901234567890123456789'),
  raw('-0'),
  raw('9007199254740993'),
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
);

const deepNesting = fc
  .tuple(fc.constantFrom('object', 'array'), fc.constantFrom(32, 500, 5_000, 20_000))
  .map(([shape, depth]) =>
    shape === 'object'
      ? raw(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)
      : raw(`${'['.repeat(depth)}${']'.repeat(depth)}`),
  );

/** Values of a type no DTO field accepts as it is (or that stretch the parser). */
const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.constantFrom(ROLES[0], ROLES.join(','), 'SGD-BTR', '2025-07-01'),
  hugeNumber,
);

/** Date-like strings at and past the edges of what the validators and PostgreSQL accept. */
const edgeDate = fc.constantFrom(
  '0000-01-01',
  '0001-01-01',
  '1000-01-01',
  '9999-12-31',
  '2024-02-29',
  '2025-02-29',
  '2025-13-01',
  '2025-00-10',
  '10000-01-01',
  '+002025-07-01',
  '2025-07-01T00:00:00Z',
  '2025-07-01T25:00:00Z',
  '2030-01-01T00:00:00+99:00',
  '2030-02-30T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  // ISO 8601 forms that JavaScript's Date cannot read
  '2030-W01-1',
  '20300101T000000Z',
  '2030-001',
  ' 2025-07-01',
  '2025-7-1',
);

const EXISTING_ORG_CODES = [
  'BGDDT',
  'BGDDT-QLCL',
  'SGD-BTR',
  'SGD-HPG',
  'PGD-BTR-CHAUTHANH',
  'PGD-HPG-LECHAN',
  'XA-BTR-PHUTUC',
  'XA-BTR-MOCAY',
  'PH-HPG-THUYNGUYEN',
  'THPT-BTR-CHUYENBT',
  'THCS-BTR-PHUTUC',
  'THCS-HPG-CHUVANAN',
  'GDTX-BTR-CHAUTHANH',
];

const orgCode = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EXISTING_ORG_CODES, 'NO-SUCH-ORG') },
  { weight: 1, arbitrary: fc.stringMatching(ORG_CODE_PATTERN) },
);

// A small pool of days around the 1 Jul 2025 reorganisation, so that business rules collide.
const day = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('2024-02-29', '2025-01-01', '2025-06-30', '2025-07-01', '2026-05-01'),
  },
  {
    weight: 2,
    arbitrary: fc
      .date({
        min: new Date('1950-01-01T00:00:00Z'),
        max: new Date('2100-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
  },
);

const futureInstant = fc.oneof(
  fc
    .date({
      min: new Date('2027-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc.constantFrom('2030-01-01T00:00:00+07:00', '2030-01-01', '2099-12-31T23:59:59.999Z'),
);

const text = (max: number) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...VIETNAMESE).filter((s) => s.length <= max) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 60) }) },
  );

const strongPassword = fc
  .tuple(fc.string({ unit: 'grapheme-ascii', minLength: 4, maxLength: 24 }), fc.nat({ max: 99_999 }))
  .map(([s, n]) => `Pw-${s}-${n}x`);

const roles = fc.subarray([...ROLES], { minLength: 1 });

// ---------------------------------------------------------------------------------------------
// Valid bodies per route, from the DTOs (src/**/dto/*.ts). `fields` lists every DTO field, so that
// mutations also hit the optional ones a generated body left out.

interface Template {
  fields: string[];
  body: fc.Arbitrary<Body>;
  /** Weights of the case kinds; routes that hash passwords get fewer bodies that pass validation. */
  weights?: Partial<Record<CaseKind, number>>;
}

const EXPENSIVE: Partial<Record<CaseKind, number>> = {
  valid: 3,
  mutated: 32,
  random: 35,
  nonObject: 12,
  raw: 18,
};

const TEMPLATES: Record<string, Template> = {
  'POST /api/v1/orgs': {
    fields: [
      'code',
      'name',
      'nameEn',
      'kind',
      'parentCode',
      'provinceCode',
      'superiorNameVi',
      'placeName',
      'validFrom',
    ],
    body: fc.record(
      {
        code: fc.stringMatching(ORG_CODE_PATTERN),
        name: text(300),
        nameEn: text(300),
        kind: fc.constantFrom(...ORGANISATION_KINDS),
        parentCode: orgCode,
        provinceCode: fc.stringMatching(/^\d{2}$/),
        superiorNameVi: text(300),
        placeName: text(100),
        validFrom: day,
      },
      { requiredKeys: ['code', 'name', 'kind', 'parentCode'] },
    ),
  },
  'POST /api/v1/orgs/:code/dissolution': {
    fields: ['effectiveOn', 'successorCode', 'kind', 'legalBasis'],
    body: fc.record(
      {
        effectiveOn: day,
        successorCode: orgCode,
        kind: fc.constantFrom('merger', 'split', 'dissolution', 'reorganisation'),
        legalBasis: text(300),
      },
      { requiredKeys: ['effectiveOn', 'successorCode', 'kind'] },
    ),
  },
  'POST /api/v1/users': {
    fields: ['username', 'password', 'orgCode', 'roles', 'displayName'],
    body: fc.record(
      {
        username: fc.stringMatching(USERNAME_PATTERN),
        password: strongPassword,
        orgCode,
        roles,
        displayName: text(200),
      },
      { requiredKeys: ['username', 'password', 'orgCode', 'roles'] },
    ),
    weights: EXPENSIVE,
  },
  'POST /api/v1/api-keys': {
    fields: ['name', 'orgCode', 'roles', 'expiresAt'],
    body: fc.record(
      { name: text(100), orgCode, roles, expiresAt: futureInstant },
      { requiredKeys: ['name', 'roles'] },
    ),
  },
  'POST /api/v1/auth/login': {
    fields: ['username', 'password'],
    // Only usernames that do not exist (checked again before sending): no account gets locked.
    body: fc.record({
      username: fc.oneof(fc.stringMatching(/^fz[a-z0-9._-]{1,20}$/), text(100)),
      password: fc.string({ minLength: 1, maxLength: 200 }),
    }),
    weights: EXPENSIVE,
  },
  'POST /api/v1/auth/password': {
    fields: ['currentPassword', 'newPassword'],
    // A wrong current password never changes anything (checked again before sending).
    body: fc.record({
      currentPassword: fc.string({ minLength: 1, maxLength: 60 }).map((s) => `not-the-password-${s}`),
      newPassword: strongPassword,
    }),
    weights: EXPENSIVE,
  },
  'POST /api/v1/custody/assignments': {
    fields: ['issuerOrgCode', 'credentialType', 'custodianOrgCode', 'effectiveFrom', 'transferRecordRef'],
    body: fc.record(
      {
        issuerOrgCode: orgCode,
        credentialType: fc.constantFrom('THCS', 'THPT', 'GCNHT', 'CC', 'XYZ'),
        custodianOrgCode: orgCode,
        effectiveFrom: day,
        transferRecordRef: text(300),
      },
      { requiredKeys: ['issuerOrgCode', 'credentialType', 'custodianOrgCode', 'effectiveFrom'] },
    ),
  },
  'POST /api/v1/rulebook/settings': {
    fields: ['key', 'value', 'validFrom', 'validTo', 'legalBasis', 'rules', 'scopeOrgCode'],
    // Keys stay in a "fuzz." namespace: the rulebook's own keys are not overwritten for later routes.
    body: fc.record(
      {
        key: fc.stringMatching(/^fuzz\.[A-Za-z0-9.]{1,40}$/),
        value: fc.jsonValue({ maxDepth: 3 }),
        validFrom: day,
        validTo: day,
        legalBasis: text(500),
        rules: text(200),
        scopeOrgCode: orgCode,
      },
      { requiredKeys: ['key', 'value', 'legalBasis'] },
    ),
  },
  'POST /api/v1/rulebook/calendar-days': {
    fields: ['day', 'kind', 'nameVi', 'nameEn', 'legalBasis'],
    body: fc.record(
      {
        day,
        kind: fc.constantFrom('holiday', 'workingDay'),
        nameVi: text(200),
        nameEn: text(200),
        legalBasis: text(300),
      },
      { requiredKeys: ['day', 'kind', 'nameVi', 'nameEn'] },
    ),
  },
};

/** Routes whose successful calls insert one row into a table: rejected calls must insert none. */
const INSERTS_INTO: Record<string, string> = {
  'POST /api/v1/orgs': 'organisations',
  'POST /api/v1/orgs/:code/dissolution': 'organisation_successions',
  'POST /api/v1/users': 'users',
  'POST /api/v1/api-keys': 'api_keys',
  'POST /api/v1/rulebook/settings': 'settings',
  'POST /api/v1/rulebook/calendar-days': 'calendar_days',
  'POST /api/v1/custody/assignments': 'custody_assignments',
};
const COUNTED_TABLES = [...new Set(Object.values(INSERTS_INTO))];

// ---------------------------------------------------------------------------------------------
// Mutations of a valid body

const UNKNOWN_KEYS = [
  'foo',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  'tên',
  'id',
  'isAdmin',
];

const mutation = (fields: string[]): fc.Arbitrary<{ name: string; apply: (b: Body) => Body }> => {
  // A route without a template (its body is ignored) still gets fields to mutate.
  const keyOf = (b: Body, n: number) => pick([...new Set([...Object.keys(b), ...fields, 'foo'])], n);
  const setter = (name: string, value: fc.Arbitrary<unknown>) =>
    fc.tuple(fc.nat(), value).map(([n, v]) => ({
      name,
      apply: (b: Body) => {
        const k = keyOf(b, n);
        return setProp(b, k, v);
      },
    }));
  return fc.oneof(
    fc.nat().map((n) => ({
      name: 'drop',
      apply: (b: Body) => {
        const keys = Object.keys(b);
        if (!keys.length) return b;
        const copy = { ...b };
        delete copy[pick(keys, n)];
        return copy;
      },
    })),
    setter('wrongType', wrongTypeValue),
    fc
      .tuple(
        fc
          .oneof(fc.constantFrom(...UNKNOWN_KEYS), fc.string({ maxLength: 12 }))
          .filter((k) => !fields.includes(k)),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([k, v]) => ({ name: `unknown:${JSON.stringify(k)}`, apply: (b: Body) => setProp(b, k, v) })),
    setter('longString', longString),
    setter('nastyString', nastyString),
    fc.tuple(fc.nat(), fc.nat()).map(([n, at]) => ({
      name: 'insertNul',
      apply: (b: Body) => {
        const strings = Object.keys(b).filter((k) => typeof b[k] === 'string');
        if (!strings.length) return b;
        const k = pick(strings, n);
        const s = b[k] as string;
        const i = at % (s.length + 1);
        return setProp(b, k, `${s.slice(0, i)}\u0000${s.slice(i)}`);
      },
    })),
    setter('deepNesting', deepNesting),
    setter('hugeNumber', hugeNumber),
    fc.tuple(fc.nat(), edgeDate).map(([n, d]) => ({
      name: 'edgeDate',
      apply: (b: Body) => {
        const dates = Object.keys(b).filter(
          (k) => typeof b[k] === 'string' && /^\d{4}-\d{2}-\d{2}/.test(b[k]),
        );
        return dates.length ? setProp(b, pick(dates, n), d) : b;
      },
    })),
    fc.tuple(fc.nat(), fc.constantFrom('upper', 'lower', 'pad', 'empty')).map(([n, how]) => ({
      name: `case:${how}`,
      apply: (b: Body) => {
        const strings = Object.keys(b).filter((k) => typeof b[k] === 'string');
        if (!strings.length) return b;
        const k = pick(strings, n);
        const s = b[k] as string;
        const next =
          how === 'upper'
            ? s.toUpperCase()
            : how === 'lower'
              ? s.toLowerCase()
              : how === 'pad'
                ? ` ${s} `
                : '';
        return setProp(b, k, next);
      },
    })),
  );
};

const RAW_TEXTS = [
  '{bad',
  '{',
  '}',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1}x',
  '{"a":01}',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":undefined}',
  '{"a":"\u0000"}',
  '{"a":"\\u0000"}',
  '{"a":"\\ud800"}',
  '{"a":"\\x41"}',
  '{"a":1}{"b":2}',
  '{"a":1e999999}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '\uFEFF{}',
  ' ',
  '"unterminated',
  'tru',
  '[',
  '{}',
  '',
];

// ---------------------------------------------------------------------------------------------
// Path parameters

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PARAM_PATTERNS: Record<string, RegExp> = {
  code: ORG_CODE_PATTERN,
  username: USERNAME_PATTERN,
  id: UUID_PATTERN,
};

/** Values of a path parameter that are never valid for it (or are not even decodable). */
function garbageParam(name: string): fc.Arbitrary<string> {
  const valid = PARAM_PATTERNS[name];
  const bad = (s: string) => !valid || !valid.test(s);
  return fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter(bad).map(pctEncode),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter(bad).map(pctEncode),
    fc.constantFrom(
      // not valid percent-encoding at all
      '%',
      '%E0%A4%A',
      '%zz',
      '%C0%AF',
      '%00',
      '..',
      '.',
      '%2e%2e',
      pctEncode('Đ'.repeat(300)),
      'A'.repeat(3_000),
      '%20',
      pctEncode("'; DROP TABLE organisations; --"),
      pctEncode('a/b'),
      pctEncode('sgd-btr'),
      pctEncode('BTR.REGISTRAR'),
    ),
  );
}

// ---------------------------------------------------------------------------------------------

function routeKey(r: Pick<RouteInfo, 'method' | 'path'>): string {
  return `${r.method} ${r.path}`;
}

function paramNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
}

function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => params[name] ?? 'x');
}

/** What every response must satisfy; returns the broken rules. */
function checkResponse(res: Response, c: Pick<FuzzCase, 'kind' | 'garbageParams'>): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`status ${res.status} (5xx)`);
  if (c.garbageParams && res.status !== 400 && res.status !== 404)
    problems.push(`invalid path parameter answered ${res.status}, expected 400 or 404`);
  if (c.kind === 'nonObject' && res.status !== 400)
    problems.push(`non-object JSON body answered ${res.status}, expected 400`);
  if (res.status < 400) return problems;

  const b = res.body as Record<string, unknown> | undefined;
  if (!b || typeof b !== 'object' || Array.isArray(b)) {
    problems.push(`error body is not a JSON object (content-type ${String(res.headers['content-type'])})`);
    return problems;
  }
  if (typeof b.code !== 'string') problems.push('error body has no string code');
  if (typeof b.message !== 'string') problems.push('error body has no string message');
  if (typeof b.requestId !== 'string' || !b.requestId)
    problems.push(`requestId is ${JSON.stringify(b.requestId)}`);
  else if (b.requestId !== res.headers['x-request-id'])
    problems.push('requestId differs from the X-Request-Id header');
  if (typeof b.code === 'string') {
    const mapped = (ERROR_HTTP_STATUS as Record<string, number>)[b.code];
    if (mapped === undefined) problems.push(`code ${b.code} is not in error-codes.ts`);
    else if (mapped !== res.status)
      problems.push(`code ${b.code} maps to ${mapped} but the status is ${res.status}`);
  }
  if (res.status === 400 && b.code === 'VALIDATION_FAILED') {
    const errors = (b.details as { errors?: unknown } | undefined)?.errors;
    if (!Array.isArray(errors) || !errors.length) problems.push('VALIDATION_FAILED without details.errors[]');
    else {
      for (const e of errors as Record<string, unknown>[]) {
        if (typeof e?.field !== 'string' || typeof e.code !== 'string' || typeof e.message !== 'string') {
          problems.push(`malformed field error ${JSON.stringify(e)}`);
          break;
        }
      }
    }
  }
  return problems;
}

/** A stable per-route seed, so adding a route does not change the bodies the others get. */
function routeSeed(key: string): number {
  let h = SEED | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16_777_619);
  return h >>> 0;
}

describe('input robustness (malformed, unknown, wrong-type and oversized bodies; fuzz)', () => {
  let t: TestApp;
  let writeRoutes: RouteInfo[];
  let adminAuth: { Authorization: string };
  let writerAuth: { Authorization: string };

  beforeAll(async () => {
    // The fuzz checks the error contract of every body, not the public rate limits (public-verify tests those).
    t = await startTestApp({
      template: 'demo',
      env: {
        PUBLIC_REQUESTS_PER_CLIENT_PER_MINUTE: '10000000',
        PUBLIC_LOOKUPS_PER_CLIENT_PER_MINUTE: '10000000',
        PUBLIC_LOOKUPS_PER_SERIAL_PER_15_MINUTES: '10000000',
      },
    });
    writeRoutes = listRoutes(t.running.app).filter((r) =>
      ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method),
    );
    adminAuth = await t.auth(ADMIN);
    await t.http
      .post('/api/v1/users')
      .set(adminAuth)
      .send({
        username: WRITER,
        displayName: 'Fuzz writer',
        password: DEMO_PASSWORD,
        orgCode: 'SGD-BTR',
        roles: ['registrar', 'signer', 'printer'],
      })
      .expect(201);
    writerAuth = await t.auth(WRITER);
  });

  /** The caller of a route: bo.admin, or WRITER where an admin lacks the route's permission. */
  function authFor(r: RouteInfo): { Authorization: string } {
    return r.access.kind === 'permission' && !hasPermission(['admin'], r.access.permission)
      ? writerAuth
      : adminAuth;
  }
  afterAll(async () => {
    await t?.close();
  });

  /** Sends a raw JSON text to a route with the given method. */
  function send(method: string, url: string, body: string | undefined, headers: Record<string, string> = {}) {
    const agent = t.http;
    const req =
      method === 'POST'
        ? agent.post(url)
        : method === 'PUT'
          ? agent.put(url)
          : method === 'PATCH'
            ? agent.patch(url)
            : method === 'DELETE'
              ? agent.delete(url)
              : null;
    if (!req) throw new Error(`no verb ${method}`);
    req.set(headers).timeout(30_000);
    if (body !== undefined) req.set('Content-Type', 'application/json').send(body);
    return req;
  }

  /** The error the app logged for a 5xx (event request.failed), found by its request id. */
  function serverError(res: Response): string {
    const id = res.headers['x-request-id'];
    for (let i = t.logs.length - 1; i >= 0; i--) {
      const line = t.logs[i];
      if (!line.includes('request.failed') || !line.includes(String(id))) continue;
      const e = (JSON.parse(line) as { error?: { name?: string; message?: string } | string }).error;
      return truncate(typeof e === 'object' ? `${e.name}: ${e.message}` : String(e), 240);
    }
    return 'not logged';
  }

  const orgBody = (over: Body = {}): Body => ({
    code: 'THPT-BTR-FUZZ-FOCUS',
    name: 'Trường THPT Thử nghiệm',
    kind: 'school',
    parentCode: 'SGD-BTR',
    ...over,
  });

  const fieldErrors = (res: Response) =>
    ((res.body as { details?: { errors?: { field: string; code: string; message: string }[] } }).details
      ?.errors ?? []) as { field: string; code: string; message: string }[];

  describe('focused cases', () => {
    it('the route inventory lists the write routes to fuzz', () => {
      const keys = writeRoutes.map(routeKey);
      // The foundation routes at least; new routes are picked up automatically.
      expect(keys).toEqual(
        expect.arrayContaining(['POST /api/v1/orgs', 'POST /api/v1/users', 'POST /api/v1/auth/login']),
      );
      expect(writeRoutes.length).toBeGreaterThanOrEqual(13);
    });

    it('malformed JSON ({bad) → 400 MALFORMED_JSON on every write route', async () => {
      const wrong: string[] = [];
      for (const r of writeRoutes) {
        const url = fillPath(r.path, {
          code: 'SGD-BTR',
          username: 'btr.registrar',
          id: '0190a0a0-0000-7000-8000-000000000000',
        });
        const res = await send(r.method, url, '{bad', authFor(r));
        const b = res.body as { code?: string; message?: string; requestId?: string };
        if (
          res.status !== 400 ||
          b.code !== 'MALFORMED_JSON' ||
          typeof b.message !== 'string' ||
          typeof b.requestId !== 'string'
        )
          wrong.push(`${routeKey(r)} → ${res.status} ${JSON.stringify(res.body)}`);
      }
      expect(wrong).toEqual([]);
    });

    it('an unknown field on POST /api/v1/orgs → 400 VALIDATION_FAILED naming it (UNKNOWN_FIELD)', async () => {
      const res = await send('POST', '/api/v1/orgs', JSON.stringify(orgBody({ foo: 1 })), adminAuth);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        requestId: expect.any(String),
      });
      // The rest of the body is valid, so the unknown field is the only error.
      expect(fieldErrors(res)).toEqual([
        { field: 'foo', code: 'UNKNOWN_FIELD', message: expect.any(String) },
      ]);
    });

    it('wrong types name the field at fault (roles: "admin" on users, kind: 5 and name: 123 on orgs)', async () => {
      const user = await send(
        'POST',
        '/api/v1/users',
        JSON.stringify({
          username: 'fuzz.focus',
          password: 'Pw-focus-2026x',
          orgCode: 'SGD-BTR',
          roles: 'admin',
        }),
        adminAuth,
      );
      expect(user.status).toBe(400);
      expect(user.body.code).toBe('VALIDATION_FAILED');
      expect(fieldErrors(user)).toContainEqual({
        field: 'roles',
        code: 'NOT_AN_ARRAY',
        message: expect.any(String),
      });
      expect(new Set(fieldErrors(user).map((e) => e.field))).toEqual(new Set(['roles']));

      const kind = await send('POST', '/api/v1/orgs', JSON.stringify(orgBody({ kind: 5 })), adminAuth);
      expect(kind.status).toBe(400);
      expect(kind.body.code).toBe('VALIDATION_FAILED');
      expect(fieldErrors(kind)).toEqual([
        { field: 'kind', code: 'NOT_ALLOWED_VALUE', message: expect.any(String) },
      ]);

      const name = await send('POST', '/api/v1/orgs', JSON.stringify(orgBody({ name: 123 })), adminAuth);
      expect(name.status).toBe(400);
      expect(fieldErrors(name)).toContainEqual({
        field: 'name',
        code: 'NOT_A_STRING',
        message: expect.any(String),
      });
      expect(new Set(fieldErrors(name).map((e) => e.field))).toEqual(new Set(['name']));
    });

    it('a missing required field → exactly one REQUIRED error for it', async () => {
      const cases: [string, Body, string][] = [
        ['/api/v1/orgs', { ...orgBody(), name: undefined }, 'name'],
        ['/api/v1/orgs', { ...orgBody(), code: undefined }, 'code'],
        ['/api/v1/orgs', { ...orgBody(), kind: undefined }, 'kind'],
        [
          '/api/v1/users',
          { username: 'fuzz.focus', password: 'Pw-focus-2026x', orgCode: 'SGD-BTR' }, // no roles
          'roles',
        ],
        ['/api/v1/rulebook/settings', { key: 'fuzz.focus', legalBasis: 'Quyết định 1/QĐ' }, 'value'],
      ];
      for (const [url, body, field] of cases) {
        const res = await send('POST', url, JSON.stringify(body), adminAuth);
        expect({ url, field, status: res.status, code: res.body.code }).toEqual({
          url,
          field,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
        expect({ url, errors: fieldErrors(res) }).toEqual({
          url,
          errors: [{ field, code: 'REQUIRED', message: expect.any(String) }],
        });
      }
    });

    it('a body over BODY_LIMIT_BYTES (1 MiB) → 413 PAYLOAD_TOO_LARGE; just under it is parsed; the app still answers', async () => {
      expect(t.running.config.bodyLimitBytes).toBe(ONE_MIB);
      const big = JSON.stringify(orgBody({ name: 'Đ'.repeat(ONE_MIB / 2 + 10) })); // 2 bytes per Đ in UTF-8
      expect(Buffer.byteLength(big)).toBeGreaterThan(ONE_MIB);
      for (const url of ['/api/v1/orgs', '/api/v1/auth/login']) {
        const res = await send('POST', url, big, adminAuth);
        expect({ url, status: res.status, code: res.body.code }).toEqual({
          url,
          status: 413,
          code: 'PAYLOAD_TOO_LARGE',
        });
        expect(res.body).toMatchObject({ message: expect.any(String), requestId: expect.any(String) });
      }
      // Just under the limit the body is parsed and validated field by field.
      const under = JSON.stringify(orgBody({ name: 'x'.repeat(ONE_MIB - 200) }));
      expect(Buffer.byteLength(under)).toBeLessThanOrEqual(ONE_MIB);
      const ok = await send('POST', '/api/v1/orgs', under, adminAuth);
      expect(ok.status).toBe(400);
      expect(fieldErrors(ok)).toEqual([{ field: 'name', code: 'TOO_LONG', message: expect.any(String) }]);

      const health = await t.http.get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok', database: 'ok' });
    });

    it.each([
      ['an array', '[]'],
      ['an array of objects', '[{"code":"X"}]'],
      ['a string', '"a string"'],
      ['null', 'null'],
      ['a number', '5'],
      ['a boolean', 'true'],
    ])('%s as the JSON body → 400 BODY_NOT_OBJECT', async (_label, body) => {
      const res = await send('POST', '/api/v1/orgs', body, adminAuth);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'BODY_NOT_OBJECT' });
      expect(res.body).toMatchObject({ message: expect.any(String), requestId: expect.any(String) });
    });

    /** The fuzz's rules for one response, with the logged server error added to a 5xx. */
    const problemsOf = (res: Response, garbageParams = false) =>
      checkResponse(res, { kind: 'mutated', garbageParams }).map((p) =>
        res.status >= 500 && p.includes('5xx') ? `${p}: ${serverError(res)}` : p,
      );

    // Deterministic versions of what the fuzz finds, so that each cause fails on its own.
    const nul = 'Trường\u0000THPT';
    it.each([
      ['POST /api/v1/orgs name', '/api/v1/orgs', orgBody({ name: nul })],
      [
        'POST /api/v1/users displayName',
        '/api/v1/users',
        {
          username: 'fuzz.nul',
          password: 'Pw-focus-2026x',
          orgCode: 'SGD-BTR',
          roles: ['registrar'],
          displayName: nul,
        },
      ],
      ['POST /api/v1/api-keys name', '/api/v1/api-keys', { name: nul, roles: ['sync'] }],
      [
        'POST /api/v1/auth/login username',
        '/api/v1/auth/login',
        { username: `fz${nul}`, password: 'whatever-1' },
      ],
      [
        'POST /api/v1/rulebook/calendar-days nameVi',
        '/api/v1/rulebook/calendar-days',
        { day: '2031-01-02', kind: 'holiday', nameVi: nul, nameEn: 'x' },
      ],
      [
        'POST /api/v1/rulebook/settings legalBasis',
        '/api/v1/rulebook/settings',
        { key: 'fuzz.nul', value: 1, legalBasis: nul },
      ],
      [
        'POST /api/v1/rulebook/settings value',
        '/api/v1/rulebook/settings',
        { key: 'fuzz.nul', value: { a: nul }, legalBasis: 'x' },
      ],
    ])('a NUL character in %s is refused with a 4xx, not a 5xx', async (_label, url, body) => {
      const res = await send('POST', url, JSON.stringify(body), adminAuth);
      expect(problemsOf(res)).toEqual([]);
    });

    it.each([
      ['arrays', '['.repeat(5_000) + ']'.repeat(5_000)],
      ['objects', '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)],
    ])('5,000 nested %s (a 10-30 KB body) in a string field → 400, not a 5xx', async (_label, nested) => {
      for (const url of ['/api/v1/orgs', '/api/v1/auth/login']) {
        const field = url === '/api/v1/orgs' ? 'name' : 'username';
        const text = serialise(
          setProp(url === '/api/v1/orgs' ? orgBody() : { password: 'x' }, field, raw(nested)),
        );
        const res = await send('POST', url, text, adminAuth);
        expect({ url, status: res.status, problems: problemsOf(res) }).toEqual({
          url,
          status: 400,
          problems: [],
        });
      }
    });

    it.each(['%', '%E0%A4%A', '%zz'])(
      'a path parameter that is not valid percent-encoding (%s) → 400/404 with the error contract',
      async (param) => {
        const res = await send('POST', `/api/v1/users/${param}/disable`, undefined, adminAuth);
        expect(problemsOf(res, true)).toEqual([]);
      },
    );

    it.each(['2030-W01-1', '20300101T000000Z'])(
      'an API key expiresAt in an ISO 8601 form Date cannot read (%s) → 4xx, not a 5xx',
      async (expiresAt) => {
        const res = await send(
          'POST',
          '/api/v1/api-keys',
          JSON.stringify({ name: 'fuzz', roles: ['sync'], expiresAt }),
          adminAuth,
        );
        expect(problemsOf(res)).toEqual([]);
      },
    );

    it('dissolving an organisation before its validFrom is refused with a 4xx, not a 5xx', async () => {
      // XA-BTR-MOCAY exists from 2025-07-01: its last day cannot be 2024-12-31.
      const res = await send(
        'POST',
        '/api/v1/orgs/XA-BTR-MOCAY/dissolution',
        JSON.stringify({ effectiveOn: '2025-01-01', successorCode: 'SGD-BTR', kind: 'merger' }),
        adminAuth,
      );
      expect(problemsOf(res)).toEqual([]);
      expect(res.status).toBeGreaterThanOrEqual(400);
    });

    it('a second custody assignment for the same issuer, type and day is refused with a 4xx, not a 5xx', async () => {
      const assign = (custodianOrgCode: string) =>
        send(
          'POST',
          '/api/v1/custody/assignments',
          JSON.stringify({
            issuerOrgCode: 'THPT-BTR-CHUYENBT',
            credentialType: 'THPT',
            custodianOrgCode,
            effectiveFrom: '2031-01-01',
          }),
          adminAuth,
        );
      const first = await assign('SGD-BTR');
      expect(first.status).toBe(201);
      const second = await assign('BGDDT');
      expect(problemsOf(second)).toEqual([]);
      expect(second.status).toBeGreaterThanOrEqual(400);
    });
  });

  describe('fuzz: random bodies to every write route', () => {
    const twoXx = new Map<string, number>();
    const before = new Map<string, number>();
    const stats = { requests: 0, ms: 0, byRoute: new Map<string, Record<string, number>>() };

    const countRows = async () => {
      const out = new Map<string, number>();
      for (const table of COUNTED_TABLES) {
        const [row] = await t.sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
        out.set(table, Number(row.n));
      }
      return out;
    };

    beforeAll(async () => {
      for (const [k, v] of await countRows()) before.set(k, v);
    });

    afterAll(() => {
      const lines = [...stats.byRoute].map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
      console.info(
        `fuzz seed ${SEED}, ${RUNS} bodies per route, ${stats.requests} requests in ${(stats.ms / 1000).toFixed(1)} s\n${lines.join('\n')}`,
      );
    });

    /** Builds the cases for one route; path parameters are drawn from `plausible` or garbage. */
    function casesFor(r: RouteInfo, plausible: Record<string, fc.Arbitrary<string>>): FuzzCase[] {
      const key = routeKey(r);
      const template = TEMPLATES[key];
      const fields = template?.fields ?? [];
      const validBody: fc.Arbitrary<Body> = template?.body ?? fc.constant({});
      const w = { valid: 10, mutated: 45, random: 25, nonObject: 10, raw: 10, ...(template?.weights ?? {}) };

      const mutated = fc
        .tuple(validBody, fc.array(mutation(fields), { minLength: 1, maxLength: 3 }))
        .map(([b, ms]) => ({
          body: ms.reduce((acc, m) => m.apply(acc), b),
          notes: ms.map((m) => m.name).join('+'),
        }));
      const randomKey = fc.oneof(
        fc.constantFrom(...fields, 'foo', '__proto__', 'constructor'),
        fc.string({ maxLength: 12 }),
      );
      const randomObject = fc.dictionary(
        randomKey,
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), nastyString, wrongTypeValue),
        {
          maxKeys: 8,
        },
      );
      const nonObject = fc.oneof(
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
        fc.array(validBody, { minLength: 1, maxLength: 2 }),
        fc.string(),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
      );
      const rawText = fc.oneof(
        fc.constantFrom(...RAW_TEXTS),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.tuple(validBody, fc.nat()).map(([b, n]) => {
          const s = JSON.stringify(b);
          return s.slice(0, n % s.length); // a valid body cut short
        }),
      );

      const body = fc.oneof(
        {
          weight: w.valid,
          arbitrary: validBody.map((b) => ({ kind: 'valid' as const, text: serialise(b), notes: '' })),
        },
        {
          weight: w.mutated,
          arbitrary: mutated.map((m) => ({
            kind: 'mutated' as const,
            text: serialise(m.body),
            notes: m.notes,
          })),
        },
        {
          weight: w.random,
          arbitrary: randomObject.map((b) => ({ kind: 'random' as const, text: serialise(b), notes: '' })),
        },
        {
          weight: w.nonObject,
          arbitrary: nonObject.map((v) => ({
            kind: 'nonObject' as const,
            text: JSON.stringify(v),
            notes: '',
          })),
        },
        { weight: w.raw, arbitrary: rawText.map((s) => ({ kind: 'raw' as const, text: s, notes: '' })) },
      );

      const names = paramNames(r.path);
      const params = names.length
        ? fc.oneof(
            {
              weight: 4,
              arbitrary: fc
                .record(Object.fromEntries(names.map((n) => [n, plausible[n] ?? fc.constantFrom('1', 'x')])))
                .map((p) => ({ garbage: false, p })),
            },
            {
              weight: 1,
              arbitrary: fc
                .tuple(
                  fc.record(
                    Object.fromEntries(names.map((n) => [n, plausible[n] ?? fc.constantFrom('1', 'x')])),
                  ),
                  fc.constantFrom(...names),
                )
                .chain(([p, bad]) =>
                  garbageParam(bad).map((g) => ({ garbage: true, p: { ...p, [bad]: g } })),
                ),
            },
          )
        : fc.constant({ garbage: false, p: {} });

      return fc.sample(fc.tuple(body, params), { seed: routeSeed(key), numRuns: RUNS }).map(([b, p]) => ({
        kind: b.kind,
        text: b.text,
        notes: b.notes,
        params: p.p,
        garbageParams: p.garbage,
      }));
    }

    /** Bodies that could touch a real account are rewritten (see the harness notes on lock-out). */
    function makeSafe(key: string, c: FuzzCase, usernames: Set<string>): FuzzCase {
      let parsed: unknown;
      try {
        parsed = JSON.parse(c.text);
      } catch {
        return c;
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return c;
      const body = parsed as Body;
      if (key === 'POST /api/v1/auth/login' && typeof body.username === 'string') {
        if (usernames.has(body.username.trim().toLowerCase()))
          return {
            ...c,
            text: JSON.stringify({ ...body, username: `fz.${body.username.trim()}` }),
            notes: `${c.notes} (username rewritten)`,
          };
      }
      if (key === 'POST /api/v1/auth/password' && typeof body.currentPassword === 'string') {
        if (body.currentPassword.normalize('NFC') === DEMO_PASSWORD)
          return {
            ...c,
            text: JSON.stringify({ ...body, currentPassword: `x${DEMO_PASSWORD}` }),
            notes: `${c.notes} (password rewritten)`,
          };
      }
      return c;
    }

    it('every write route survives the fuzz: no 5xx, the error contract holds', async () => {
      // One `it` per route would need the routes at collection time; they come from the running app.
      const failuresByRoute = new Map<string, Failure[]>();
      const auditorAuth = await t.auth(PASSWORD_FUZZER);
      for (const r of writeRoutes) {
        const key = routeKey(r);
        const usernames = new Set(
          (await t.sql<{ username: string }>('SELECT username FROM users')).map((u) => u.username),
        );
        const keyIds = (await t.sql<{ id: string }>('SELECT id FROM api_keys ORDER BY created_at, id')).map(
          (k) => k.id,
        );
        const plausible: Record<string, fc.Arbitrary<string>> = {
          code: fc.constantFrom(...EXISTING_ORG_CODES, 'NO-SUCH-ORG'),
          // Never bo.admin or bo.auditor: the fuzz must not disable the accounts it runs as.
          username: fc.constantFrom(
            'btr.registrar',
            'hpg.registrar',
            'thpt.tranphu',
            'xa.phutuc',
            'no.such.user',
          ),
          id: keyIds.length ? fc.oneof(fc.uuid(), fc.constantFrom(...keyIds)) : fc.uuid(),
        };
        const headers =
          r.access.kind === 'public' ? {} : key === 'POST /api/v1/auth/password' ? auditorAuth : authFor(r);
        const failures: Failure[] = [];
        const perStatus: Record<string, number> = {};
        const t0 = Date.now();
        for (const raw0 of casesFor(r, plausible)) {
          const c = makeSafe(key, raw0, usernames);
          const url = fillPath(r.path, c.params);
          let res: Response | undefined;
          let problems: string[];
          try {
            res = await send(r.method, url, c.text, headers);
            problems = checkResponse(res, c);
          } catch (e) {
            problems = [`no response: ${(e as Error).message}`];
          }
          stats.requests++;
          const status = res?.status ?? 'none';
          perStatus[status] = (perStatus[status] ?? 0) + 1;
          if (res && res.status >= 200 && res.status < 300) twoXx.set(key, (twoXx.get(key) ?? 0) + 1);
          if (problems.length)
            failures.push({
              route: key,
              url: truncate(url, 200),
              kind: c.kind,
              notes: c.notes,
              body: truncate(c.text, 300),
              status,
              response: truncate(res ? JSON.stringify(res.body) : '', 300),
              problems,
              serverError: res && res.status >= 500 ? serverError(res) : undefined,
            });
        }
        stats.ms += Date.now() - t0;
        stats.byRoute.set(key, { ...perStatus, ms: Date.now() - t0 });
        if (failures.length) failuresByRoute.set(key, failures);
      }

      // Grouped by cause (broken rules + the logged error), one example each: 1,000 requests
      // usually fail for a handful of reasons.
      const report = [...failuresByRoute].map(([key, fs]) => {
        const groups = new Map<string, { n: number; example: Failure }>();
        for (const f of fs) {
          const sig = `${f.problems.join('; ')} | ${f.serverError ?? ''}`.replace(/\d+/g, '#').slice(0, 200);
          const g = groups.get(sig);
          if (g) g.n++;
          else groups.set(sig, { n: 1, example: f });
        }
        const shown = [...groups.values()]
          .slice(0, 6)
          .map(({ n, example }) => `  [${n}×] ${JSON.stringify(example, null, 1).replace(/\n/g, '\n    ')}`);
        return `${key}: ${fs.length} failing request(s), ${groups.size} distinct cause(s):\n${shown.join('\n')}`;
      });
      if (report.length)
        throw new Error(`fuzz failures (FUZZ_SEED=${SEED}, ${RUNS} runs per route)\n${report.join('\n\n')}`);
    }, 600_000);

    it('rejected requests changed nothing: row counts grew only by the 2xx answers', async () => {
      const after = await countRows();
      const expected = new Map<string, number>();
      for (const table of COUNTED_TABLES) {
        const created = Object.entries(INSERTS_INTO)
          .filter(([, tb]) => tb === table)
          .reduce((n, [route]) => n + (twoXx.get(route) ?? 0), 0);
        expected.set(table, (before.get(table) ?? 0) + created);
      }
      expect(Object.fromEntries(after)).toEqual(Object.fromEntries(expected));
      expect(stats.requests).toBeGreaterThan(0);
    });

    it('the app is healthy afterwards and the accounts the fuzz ran as are intact', async () => {
      const health = await t.http.get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok', database: 'ok' });
      for (const username of [ADMIN, PASSWORD_FUZZER]) {
        const res = await t.http.post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD });
        expect({ username, status: res.status }).toEqual({ username, status: 200 });
      }
      // The sign-in fuzz only used usernames that do not exist: no real account counted a failure.
      const touched = await t.sql(
        `SELECT username FROM users WHERE failed_attempts > 0 OR locked_until IS NOT NULL`,
      );
      expect(touched).toEqual([]);
    });
  });
});
