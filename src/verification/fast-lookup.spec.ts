import { acceptedQuery } from './fast-lookup';

describe('the lookup fast path accepts only what the DTO surely accepts', () => {
  const ok =
    '/api/v1/public/verify?serialNumber=BT0000001&fullName=Nguy%E1%BB%85n+V%C4%83n+An&dateOfBirth=2008-09-14';

  it('takes a well-formed lookup, decoding + and percent escapes', () => {
    expect(acceptedQuery(ok)).toEqual({
      serialNumber: 'BT0000001',
      fullName: 'Nguyễn Văn An',
      dateOfBirth: '2008-09-14',
    });
  });

  it.each([
    ['another path', ok.replace('/verify', '/verify2')],
    ['no query', '/api/v1/public/verify'],
    ['an extra parameter', `${ok}&x=1`],
    ['a repeated parameter', `${ok}&fullName=B`],
    ['a missing parameter', ok.replace('&dateOfBirth=2008-09-14', '')],
    ['an empty name', ok.replace('Nguy%E1%BB%85n+V%C4%83n+An', '')],
    ['a name without letters', ok.replace('Nguy%E1%BB%85n+V%C4%83n+An', '123')],
    ['a control character', ok.replace('An', 'A%00n')],
    ['a long name', ok.replace('Nguy%E1%BB%85n+V%C4%83n+An', 'a'.repeat(128))],
    ['a bad serial', ok.replace('BT0000001', 'BT<1>')],
    ['a non-date', ok.replace('2008-09-14', '2008-02-30')],
    ['another date form', ok.replace('2008-09-14', '14/09/2008')],
    ['a bracketed key', ok.replace('fullName=', 'fullName[]=')],
  ])('leaves %s to Express', (_why, url) => {
    expect(acceptedQuery(url)).toBeNull();
  });
});
