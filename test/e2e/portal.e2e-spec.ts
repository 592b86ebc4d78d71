import axe from 'axe-core';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { localDateTime } from '../../src/common/calendar/working-day-calendar';
import { encodeQrPayload } from '../../src/qr/qr-payload';
import { digitsToBytes, bytesToDigits } from '../../src/qr/qr-digits';
import { SigningService } from '../../src/signing/signing.service';
import { sign } from 'node:crypto';
import { launchChromium, screenshot } from '../support/browser';
import { graduateRows, issuedBtrDecision, receiveBlanks } from '../support/register-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

// Issue 8, acceptance 1 and 2: the portal in a real browser (Debian's Chromium through playwright-core).

interface Registered {
  id: string;
  serial: string;
  fullName: string;
  dateOfBirth: string;
  registerEntryNumber: string;
}

/** The page's globals as seen from a function run in the browser (this file has no DOM library). */
interface InPage {
  document: { querySelector(s: string): { textContent: string | null } | null };
  __pwned?: number;
}

/** Waits until the QR page's result area says this. A function, not a string: the CSP forbids eval. */
const qrText = (page: Page, re: RegExp) =>
  page.waitForFunction(
    (src) =>
      new RegExp(src).test(
        (globalThis as unknown as InPage).document.querySelector('#qr-result')?.textContent ?? '',
      ),
    re.source,
  );

const dmy = (iso: string) => iso.split('-').reverse().join('/');

describe('public portal in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let ctx: BrowserContext;
  let d: Registered[];
  let printedQr: string;
  const cspErrors: string[] = [];

  const newPage = async (c: BrowserContext = ctx): Promise<Page> => {
    const page = await c.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });
    page.on('pageerror', (e) => cspErrors.push(`pageerror: ${e.message}`));
    return page;
  };

  const lookup = async (page: Page, lang: 'vi' | 'en', v: { serial: string; name: string; dob: string }) => {
    await page.goto(`${base}/${lang === 'en' ? '?lang=en' : ''}`);
    await page.fill('#serialNumber', v.serial);
    await page.fill('#fullName', v.name);
    await page.fill('#dateOfBirth', v.dob);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_LOOKUPS_PER_CLIENT_PER_MINUTE: '1000' } });
    await receiveBlanks(t, 'btr.registrar', 'THPT', 'PT', 1, 10);
    const { ids } = await issuedBtrDecision(
      t,
      {
        decisionNo: '93/QĐ-SGDĐT',
        decidedOn: '2025-07-20',
        schoolCode: 'THPT-BTR-CHUYENBT',
        graduationYear: 2025,
      },
      graduateRows(4, 211),
      '2025-08-10',
    );
    d = await t.sql<Registered>(
      `SELECT id, serial_number AS serial, full_name AS "fullName", register_entry_number AS "registerEntryNumber",
              to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth"
         FROM register_entries WHERE id = ANY($1) ORDER BY register_sequence`,
      [ids],
    );
    const registrar = await t.auth('btr.registrar');
    await t.http
      .post(`/api/v1/diplomas/${d[1].id}/revocations`)
      .set(registrar)
      .send({
        ground: 'fraud',
        decisionNo: '152/QĐ-SGDĐT',
        decidedOn: '2026-03-02',
        publicNote: 'Gian lận thi cử',
      })
      .expect(201);
    await t.http
      .post(`/api/v1/diplomas/${d[2].id}/corrections`)
      .set(registrar)
      .send({
        ground: 'civilStatusChange',
        decisionNo: '201/QĐ-SGDĐT',
        decidedOn: '2026-03-10',
        evidenceRef: 'Trích lục 12/TLHT',
        changes: { fullName: 'Trần Thị Thuỷ Tiên' },
      })
      .expect(201);
    // a real QR payload from the documents module: print the diploma, read what was signed
    await t.http
      .get(`/api/v1/diplomas/${d[0].id}/pdf?mode=overlay`)
      .set(await t.auth('btr.printer'))
      .expect(200);
    [{ qr_payload: printedQr }] = await t.sql<{ qr_payload: string }>(
      `SELECT qr_payload FROM diploma_prints WHERE entry_id = $1`,
      [d[0].id],
    );
    const server = await t.running.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    ctx = await browser.newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('looks up a diploma in Vietnamese, with the name typed without diacritics', async () => {
    const page = await newPage();
    await page.goto(base);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await screenshot(page, '01-home-vi');
    await lookup(page, 'vi', {
      serial: d[0].serial,
      name: d[0].fullName.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'),
      dob: dmy(d[0].dateOfBirth),
    });
    expect(page.url()).toBe(`${base}/tra-cuu`); // nothing personal in the URL
    await expect(page.textContent('.verdict')).resolves.toContain('Văn bằng hợp lệ, khớp với sổ gốc');
    const dl = await page.textContent('dl.diploma');
    expect(dl).toContain(d[0].fullName.normalize('NFC'));
    expect(dl).toContain(d[0].serial);
    expect(dl).toContain(d[0].registerEntryNumber);
    expect(dl).toContain('Sở Giáo dục và Đào tạo');
    expect(dl).toContain('Bằng tốt nghiệp trung học phổ thông');
    await screenshot(page, '02-result-valid-vi');
  });

  it('looks up in English through the visible language switch', async () => {
    const page = await newPage();
    await page.goto(base);
    await Promise.all([page.waitForNavigation(), page.click('a.lang')]);
    expect(page.url()).toBe(`${base}/?lang=en`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await screenshot(page, '03-home-en');
    await lookup(page, 'en', {
      serial: d[0].serial,
      name: d[0].fullName.toUpperCase(),
      dob: dmy(d[0].dateOfBirth),
    });
    await expect(page.textContent('.verdict')).resolves.toContain('Valid: matches the master register');
    await expect(page.textContent('dl.diploma')).resolves.toContain('Upper secondary school diploma');
    await screenshot(page, '04-result-valid-en');
  });

  it('a revoked diploma shows its status and decision; a corrected one its correction decision', async () => {
    const page = await newPage();
    await lookup(page, 'vi', { serial: d[1].serial, name: d[1].fullName, dob: dmy(d[1].dateOfBirth) });
    const verdict = await page.textContent('.verdict');
    expect(verdict).toContain('Văn bằng đã bị thu hồi, hủy bỏ');
    expect(verdict).toContain('Quyết định số 152/QĐ-SGDĐT ngày 02/03/2026');
    expect(verdict).toContain('Gian lận thi cử');
    await screenshot(page, '05-result-revoked-vi');
    await lookup(page, 'en', { serial: d[2].serial, name: 'Tran Thi Thuy Tien', dob: dmy(d[2].dateOfBirth) });
    await expect(page.textContent('.corrections')).resolves.toContain(
      'Decision No. 201/QĐ-SGDĐT of 10 March 2026',
    );
    await expect(page.textContent('dl.diploma')).resolves.toContain('Trần Thị Thuỷ Tiên');
    await screenshot(page, '06-result-corrected-en');
  });

  it('no match: the same page for an unknown serial and for a wrong name', async () => {
    const page = await newPage();
    await lookup(page, 'vi', { serial: 'PT9999999', name: d[3].fullName, dob: dmy(d[3].dateOfBirth) });
    // the page says when the check was made; the minute may turn between the two lookups
    const main = async () => (await page.innerHTML('main')).replace(/\d\d:\d\d/, 'HH:MM');
    const unknown = await main();
    await screenshot(page, '07-result-nomatch-vi');
    await lookup(page, 'vi', { serial: d[3].serial, name: 'Người Khác Hẳn', dob: dmy(d[3].dateOfBirth) });
    expect(await main()).toBe(unknown);
  });

  it('a name containing <script> is shown as text, never run', async () => {
    const page = await newPage();
    const evil = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">';
    // a bad date makes the form come back with what was typed
    await lookup(page, 'vi', { serial: d[3].serial, name: evil, dob: '31/02/2008' });
    expect(await page.inputValue('#fullName')).toBe(evil);
    await expect(page.textContent('#dateOfBirth-error')).resolves.toContain('ngày sinh');
    expect(await page.evaluate(() => (globalThis as unknown as InPage).__pwned)).toBeUndefined();
    expect(await page.$$('main script, main img')).toHaveLength(0);
    await screenshot(page, '08-form-error-vi');

    // on the QR page too: a payload really signed by the issuer's key with that name
    const signing = t.running.app.get(SigningService);
    const [{ path }] = await t.sql<{ path: string }>(`SELECT path FROM organisations WHERE code = 'SGD-BTR'`);
    const key = (await signing.issuerKey(path))!;
    const evilQr = encodeQrPayload(
      {
        credentialType: 'THPT',
        serialNumber: 'PT0000099',
        registerEntryNumber: '999/THPT/2025',
        fullName: evil,
        dateOfBirth: '2008-01-01',
        issuerOrgCode: 'SGD-BTR',
        issuedOn: '2025-08-10',
        signedOn: localDateTime(new Date()).date, // the key is valid from its creation, today
      },
      key.row.keyId,
      (m) => sign(null, m, key.privateKey),
    );
    const qr = await newPage();
    await qr.goto(`${base}/v#${evilQr}`);
    await qr.waitForSelector('#qr-result dl');
    await expect(qr.textContent('#qr-result dl')).resolves.toContain(evil);
    expect(await qr.evaluate(() => (globalThis as unknown as InPage).__pwned)).toBeUndefined();
    expect(await qr.$$('#qr-result script, #qr-result img')).toHaveLength(0);
    // signed by the issuer but not in the register
    await qrText(qr, /Không khớp với sổ gốc/);
    await screenshot(qr, '09-qr-not-in-register-vi');
  });

  it('the QR page verifies a printed payload in the browser, with the API blocked, then with the status', async () => {
    const offline = await ctx.newPage();
    const asked: string[] = [];
    await offline.route('**/api/**', (r) => {
      asked.push(r.request().url());
      return r.abort();
    });
    await offline.goto(`${base}/v#${printedQr}`);
    await qrText(offline, /chưa kiểm tra được trạng thái/);
    const text = (await offline.textContent('#qr-result'))!;
    expect(text).toContain('Chữ ký hợp lệ, chưa kiểm tra được trạng thái');
    expect(text).toContain(d[0].fullName.normalize('NFC'));
    expect(text).toContain(d[0].serial);
    expect(asked).toEqual([`${base}/api/v1/public/qr`]); // the status check was tried, by POST, with no data in the URL
    await screenshot(offline, '10-qr-offline-vi');

    const online = await newPage();
    await online.goto(`${base}/v?lang=en#${printedQr}`);
    await qrText(online, /Valid: matches the register/);
    await screenshot(online, '11-qr-valid-en');
  });

  it('a tampered QR payload shows an invalid signature and asks the server nothing', async () => {
    const bytes = digitsToBytes(printedQr);
    bytes[bytes.length - 10] ^= 0x01; // one bit of the signature
    const page = await ctx.newPage();
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) asked.push(r.url());
    });
    await page.goto(`${base}/v#${bytesToDigits(bytes)}`);
    await qrText(page, /Chữ ký không hợp lệ/);
    expect(asked).toEqual([]);
    await screenshot(page, '12-qr-tampered-vi');
  });

  it('the disclosure lists and the help page', async () => {
    const page = await newPage();
    await page.goto(`${base}/cong-khai`);
    await page.selectOption('#issuer', 'SGD-BTR');
    await page.selectOption('#year', '2026');
    await Promise.all([page.waitForNavigation(), page.click('form.disclosure button')]);
    expect(page.url()).toBe(`${base}/cong-khai?issuer=SGD-BTR&year=2026`);
    const text = (await page.textContent('main'))!;
    expect(text).toContain('152/QĐ-SGDĐT');
    expect(text).not.toContain(d[1].fullName); // no holder names
    await screenshot(page, '13-disclosures-vi');
    await page.goto(`${base}/cong-khai?issuer=SGD-BTR&year=2025&lang=en`);
    const issued = (await page.textContent('main'))!;
    expect(issued).toContain('93/QĐ-SGDĐT');
    expect(issued).toContain(`${d[0].serial} – ${d[3].serial}`);
    await screenshot(page, '14-disclosures-en');
    await page.goto(`${base}/huong-dan`);
    await expect(page.textContent('h1')).resolves.toBe('Hướng dẫn kiểm tra văn bằng');
    await screenshot(page, '15-help-vi');
  });

  it('the lookup works without JavaScript', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await noJs.newPage();
    await lookup(page, 'vi', { serial: d[0].serial, name: d[0].fullName, dob: dmy(d[0].dateOfBirth) });
    await expect(page.textContent('.verdict')).resolves.toContain('Văn bằng hợp lệ');
    await page.goto(`${base}/v#${printedQr}`);
    await expect(page.textContent('noscript')).resolves.toBeTruthy();
    await noJs.close();
  });

  it('the home page is small: at most 100 KB transferred with everything it loads', async () => {
    const page = await ctx.newPage();
    const sizes: Promise<number>[] = [];
    page.on('requestfinished', (r) =>
      sizes.push(r.sizes().then((s) => s.responseHeadersSize + s.responseBodySize)),
    );
    await page.goto(base, { waitUntil: 'networkidle' });
    const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    expect(sizes.length).toBeGreaterThan(1);
    expect(bytes).toBeLessThan(100 * 1024);
  });

  it('scripts and the stylesheet go gzipped to browsers that accept it, plain to others', async () => {
    const page = await ctx.newPage();
    const seen: Promise<{ url: string; encoding?: string; sent: number; size: number }>[] = [];
    page.on('requestfinished', (r) => {
      if (!/\/assets\//.test(r.url())) return;
      seen.push(
        Promise.all([r.response(), r.sizes()]).then(async ([res, s]) => ({
          url: r.url(),
          encoding: res ? (await res.allHeaders())['content-encoding'] : undefined,
          sent: s.responseBodySize,
          size: res ? (await res.body()).length : 0,
        })),
      );
    });
    await page.goto(`${base}/v`, { waitUntil: 'networkidle' });
    const assets = await Promise.all(seen);
    expect(assets.some((a) => a.url.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.url.endsWith('.css'))).toBe(true);
    for (const a of assets) {
      expect({ url: a.url, encoding: a.encoding }).toEqual({ url: a.url, encoding: 'gzip' });
      expect(a.sent).toBeLessThan(a.size);
    }
    const total = (k: 'sent' | 'size') => assets.reduce((n, a) => n + a[k], 0);
    expect(total('sent')).toBeLessThan(total('size') / 2);
    const plain = await t.http.get('/assets/portal.css').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    const refused = await t.http.get('/assets/portal.css').set('Accept-Encoding', 'gzip;q=0').expect(200);
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('the form answers browsers; a JSON body gets the API error contract, pointing to the API', async () => {
    const res = await t.http.post('/tra-cuu').send({ serialNumber: d[0].serial });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', requestId: expect.any(String) });
    expect(res.body.details.errors[0].message).toContain('/api/v1/public/verify');
  });

  it('strict security headers on every page, and no CSP violation in any test above', async () => {
    for (const path of ['/', '/?lang=en', '/v', '/cong-khai', '/huong-dan']) {
      const res = await t.http.get(path).expect(200);
      expect(res.headers['content-security-policy']).toMatch(
        /default-src 'none'; script-src 'self'; style-src 'self'/,
      );
      expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
      expect(res.text).not.toMatch(/\sstyle=|\son[a-z]+=/); // no inline style or handler
      expect(res.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/); // no third-party asset
    }
    expect(cspErrors).toEqual([]);
  });

  it('axe-core finds no serious or critical accessibility violation on any page (acceptance 2)', async () => {
    // axe is injected as a script, which the strict CSP forbids: this context alone bypasses it
    const axeCtx = await browser.newContext({ bypassCSP: true });
    const pages: [string, (p: Page) => Promise<void>][] = [
      ['/', async () => {}],
      ['/?lang=en', async () => {}],
      ['/huong-dan', async () => {}],
      ['/cong-khai?issuer=SGD-BTR&year=2025', async () => {}],
      [`/v#${printedQr}`, (p) => p.waitForSelector('#qr-result dl').then(() => undefined)],
      ['/', (p) => lookup(p, 'vi', { serial: d[1].serial, name: d[1].fullName, dob: dmy(d[1].dateOfBirth) })],
      ['/', (p) => lookup(p, 'vi', { serial: d[3].serial, name: 'x', dob: '99/99/9999' })],
      ['/', (p) => lookup(p, 'en', { serial: 'PT9999999', name: 'Nobody', dob: '01/01/2008' })],
    ];
    const found: string[] = [];
    for (const [path, act] of pages) {
      const page = await axeCtx.newPage();
      await page.goto(`${base}${path}`);
      await act(page);
      await page.addScriptTag({ content: axe.source });
      // a string, evaluated in the page (this file is compiled without the DOM library)
      const result = await page.evaluate<{ id: string; impact: string | null; nodes: number }[]>(
        'axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))',
      );
      for (const v of result.filter((x) => x.impact === 'serious' || x.impact === 'critical'))
        found.push(`${page.url()}: ${v.id} (${v.impact}, ${v.nodes} nodes)`);
      await page.close();
    }
    expect(found).toEqual([]);
    await axeCtx.close();
  });
});
