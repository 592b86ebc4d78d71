import { parseBirthDate } from './birth-date';

describe('parseBirthDate', () => {
  it.each([
    ['14/09/2008', '2008-09-14'],
    ['4/9/2008', '2008-09-04'],
    ['14-09-2008', '2008-09-14'],
    ['14.09.2008', '2008-09-14'],
    [' 2008-09-14 ', '2008-09-14'],
    ['29/02/2008', '2008-02-29'],
  ])('%s → %s', (input, iso) => expect(parseBirthDate(input)).toBe(iso));

  it.each(['30/02/2008', '29/02/2007', '14/13/2008', '2008/09/14', '14092008', '', 'hôm qua'])(
    'refuses %p',
    (input) => expect(parseBirthDate(input)).toBeNull(),
  );
});
