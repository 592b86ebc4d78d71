import { DEMO_GRADUATES } from '../../seeds/demo-diplomas';
import { DemoDiplomasService } from '../../src/demo/demo-diplomas.service';
import { startTestApp, type TestApp } from '../support/test-app';

// `npm start` loads demo diplomas (DEMO_DIPLOMAS=1) so the portal can be tried at once; the README lists them.
describe('demo diplomas', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { DEMO_DATA: '1', DEMO_DIPLOMAS: '1' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const verify = (serialNumber: string, fullName: string, dateOfBirth: string) =>
    t.http.get('/api/v1/public/verify').query({ serialNumber, fullName, dateOfBirth }).expect(200);

  it('are issued through the real services, one revoked and one corrected, as the README says', async () => {
    const valid = await verify('BT0000001', 'Nguyen Thi Ngoc Anh', '2006-03-14');
    expect(valid.body).toMatchObject({
      result: 'match',
      diploma: { status: 'valid', issuedOn: '2024-08-02' },
    });
    const revoked = await verify('BT0000008', 'Đặng Quốc Bảo', '2006-04-04');
    expect(revoked.body.diploma).toMatchObject({
      status: 'revoked',
      statusDetail: { decisionNo: '215/QĐ-SGDĐT' },
    });
    const corrected = await verify('BT0000004', 'Phạm Thuỳ Dương', '2006-01-09');
    expect(corrected.body.diploma).toMatchObject({
      fullName: 'Phạm Thuỳ Dương Anh',
      corrections: [{ decisionNo: '87/QĐ-SGDĐT' }],
    });
    const entries = await t.sql(`SELECT 1 FROM register_entries`);
    expect(entries).toHaveLength(DEMO_GRADUATES.length);
  });

  it('load once: a second start adds nothing', async () => {
    await t.running.app.get(DemoDiplomasService).loadOnce(t.running.logger);
    expect(await t.sql(`SELECT 1 FROM register_entries`)).toHaveLength(DEMO_GRADUATES.length);
    expect(await t.sql(`SELECT 1 FROM graduation_decisions`)).toHaveLength(1);
  });
});
