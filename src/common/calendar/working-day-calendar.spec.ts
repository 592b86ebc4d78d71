import {
  addCalendarDays,
  CalendarException,
  dayOfWeek,
  isIsoDate,
  localDateTime,
  WorkingDayCalendar,
} from './working-day-calendar';

// Vietnam 2025–2026 exceptions as used in these tests: Reunification Day / Labour Day with Friday 2 May
// swapped for Saturday 26 April (làm bù), National Day, and the Tết Bính Ngọ weekdays off.
const VN: CalendarException[] = [
  { day: '2025-04-26', kind: 'workingDay' },
  { day: '2025-04-30', kind: 'holiday' },
  { day: '2025-05-01', kind: 'holiday' },
  { day: '2025-05-02', kind: 'holiday' },
  { day: '2025-09-01', kind: 'holiday' },
  { day: '2025-09-02', kind: 'holiday' },
  { day: '2026-02-16', kind: 'holiday' },
  { day: '2026-02-17', kind: 'holiday' },
  { day: '2026-02-18', kind: 'holiday' },
  { day: '2026-02-19', kind: 'holiday' },
  { day: '2026-02-20', kind: 'holiday' },
];

// A Vietnam wall-clock time (UTC+7) as an instant.
const vn = (date: string, time: string): Date => new Date(`${date}T${time}+07:00`);

describe('free functions', () => {
  it('dayOfWeek: 0 = Sunday … 6 = Saturday', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2000-01-01')).toBe(6);
    expect(dayOfWeek('2024-02-29')).toBe(4);
    expect(dayOfWeek('2025-06-15')).toBe(0);
    expect(dayOfWeek('2025-09-02')).toBe(2);
  });

  it.each(['2024-02-29', '2000-02-29', '2025-12-31', '2025-04-30', '0001-01-01', '9999-12-31'])(
    'isIsoDate accepts the real date %s',
    (s) => expect(isIsoDate(s)).toBe(true),
  );

  it.each([
    '2025-02-29',
    '2100-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '0000-01-01',
    '2025-4-1',
    '20250401',
    ' 2025-04-01',
    '2025-04-01\n',
    '2025-04-01T00:00',
    '2025/04/01',
    '',
  ])('isIsoDate rejects %j', (s) => expect(isIsoDate(s)).toBe(false));

  it('addCalendarDays crosses month, leap-day and year boundaries', () => {
    expect(addCalendarDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addCalendarDays('2025-01-31', 30)).toBe('2025-03-02');
    expect(addCalendarDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addCalendarDays('2025-06-10', 0)).toBe('2025-06-10');
    expect(addCalendarDays('2024-01-01', 366)).toBe('2025-01-01');
  });

  it('addCalendarDays throws RangeError on invalid dates, fractional n and overflow', () => {
    expect(() => addCalendarDays('2025-02-29', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2025-06-10', 1.5)).toThrow(RangeError);
    expect(() => addCalendarDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('localDateTime: a UTC evening is already the next day in Vietnam', () => {
    const instant = new Date('2025-06-10T18:30:00Z');
    expect(localDateTime(instant)).toEqual({ date: '2025-06-11', time: '01:30' });
    expect(localDateTime(instant, 'UTC')).toEqual({ date: '2025-06-10', time: '18:30' });
  });

  it('localDateTime: local midnight is 00:00, not 24:00', () => {
    expect(localDateTime(new Date('2025-06-10T17:00:00Z'))).toEqual({ date: '2025-06-11', time: '00:00' });
  });

  it('localDateTime throws RangeError on an invalid Date or time zone', () => {
    expect(() => localDateTime(new Date('not a date'))).toThrow(RangeError);
    expect(() => localDateTime(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('WorkingDayCalendar', () => {
  const cal = new WorkingDayCalendar(VN);

  describe('isWorkingDay', () => {
    it('counts Monday–Friday and not weekends', () => {
      expect(cal.isWorkingDay('2025-06-09')).toBe(true); // Monday
      expect(cal.isWorkingDay('2025-06-13')).toBe(true); // Friday
      expect(cal.isWorkingDay('2025-06-14')).toBe(false); // Saturday
      expect(cal.isWorkingDay('2025-06-15')).toBe(false); // Sunday
    });

    it.each(['2025-09-02', '2025-04-30', '2025-05-01', '2026-02-16', '2026-02-20'])(
      'a declared holiday on a weekday (%s) is not a working day',
      (day) => {
        expect(dayOfWeek(day)).toBeGreaterThanOrEqual(1);
        expect(dayOfWeek(day)).toBeLessThanOrEqual(5);
        expect(cal.isWorkingDay(day)).toBe(false);
      },
    );

    it('a declared make-up Saturday is a working day', () => {
      expect(dayOfWeek('2025-04-26')).toBe(6);
      expect(cal.isWorkingDay('2025-04-26')).toBe(true);
      expect(new WorkingDayCalendar().isWorkingDay('2025-04-26')).toBe(false);
    });

    it('throws RangeError on an invalid date', () => {
      expect(() => cal.isWorkingDay('2025-02-29')).toThrow(RangeError);
      expect(() => cal.isWorkingDay('10/06/2025')).toThrow(/Invalid calendar date/);
    });
  });

  describe('constructor', () => {
    it('accepts any iterable, e.g. a generator', () => {
      function* rows(): Generator<CalendarException> {
        yield { day: '2025-09-02', kind: 'holiday' };
      }
      expect(new WorkingDayCalendar(rows()).isWorkingDay('2025-09-02')).toBe(false);
    });

    it('rejects invalid days and a day declared both holiday and working day', () => {
      expect(() => new WorkingDayCalendar([{ day: '2025-02-30', kind: 'holiday' }])).toThrow(RangeError);
      expect(
        () =>
          new WorkingDayCalendar([
            { day: '2025-04-26', kind: 'holiday' },
            { day: '2025-04-26', kind: 'workingDay' },
          ]),
      ).toThrow(RangeError);
    });
  });

  describe('nextWorkingDay', () => {
    it('goes from Friday to Monday', () => {
      expect(cal.nextWorkingDay('2025-06-13')).toBe('2025-06-16');
    });

    it('skips a weekend followed by the National Day holidays', () => {
      expect(cal.nextWorkingDay('2025-08-29')).toBe('2025-09-03');
    });

    it('lands on a make-up Saturday', () => {
      expect(cal.nextWorkingDay('2025-04-25')).toBe('2025-04-26');
    });

    it('is strictly after the given day even when that day is a working day', () => {
      expect(cal.nextWorkingDay('2025-06-10')).toBe('2025-06-11');
    });
  });

  describe('addWorkingDays (REISSUE-4, CORR-5)', () => {
    it('counts 5 working days across a weekend', () => {
      expect(cal.addWorkingDays('2025-06-12', 5)).toBe('2025-06-19');
    });

    it('counts 5 working days across Tết', () => {
      expect(cal.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    });

    it('counts the make-up Saturday and skips the 30/4–2/5 holidays', () => {
      expect(cal.addWorkingDays('2025-04-24', 2)).toBe('2025-04-26');
      expect(cal.addWorkingDays('2025-04-24', 4)).toBe('2025-04-29');
      expect(cal.addWorkingDays('2025-04-24', 5)).toBe('2025-05-05');
    });

    it('n = 0 returns the day itself when it is a working day', () => {
      expect(cal.addWorkingDays('2025-06-10', 0)).toBe('2025-06-10');
    });

    it('n = 0 on a Saturday or a holiday returns the next working day', () => {
      expect(cal.addWorkingDays('2025-06-14', 0)).toBe('2025-06-16');
      expect(cal.addWorkingDays('2025-09-01', 0)).toBe('2025-09-03');
    });

    it('n = 1 from a Saturday is the Monday', () => {
      expect(cal.addWorkingDays('2025-06-14', 1)).toBe('2025-06-16');
    });

    it('throws RangeError on negative or fractional n and on invalid dates', () => {
      expect(() => cal.addWorkingDays('2025-06-10', -1)).toThrow(RangeError);
      expect(() => cal.addWorkingDays('2025-06-10', 0.5)).toThrow(RangeError);
      expect(() => cal.addWorkingDays('2025-06-31', 1)).toThrow(RangeError);
    });
  });

  describe('workingDaysBetween', () => {
    it('counts (from, to]: Friday to Monday is one working day', () => {
      expect(cal.workingDaysBetween('2025-06-13', '2025-06-16')).toBe(1);
      expect(cal.workingDaysBetween('2025-06-09', '2025-06-13')).toBe(4);
    });

    it('is 0 when to is not after from', () => {
      expect(cal.workingDaysBetween('2025-06-10', '2025-06-10')).toBe(0);
      expect(cal.workingDaysBetween('2025-06-16', '2025-06-10')).toBe(0);
    });

    it('skips holidays and counts make-up Saturdays', () => {
      expect(cal.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
      expect(cal.workingDaysBetween('2025-04-25', '2025-05-05')).toBe(4); // 26/4, 28/4, 29/4, 5/5
    });

    it('agrees with a day-by-day count over a long range', () => {
      const from = '2024-12-20';
      let expected = 0;
      for (let day = addCalendarDays(from, 1); day <= '2026-03-10'; day = addCalendarDays(day, 1)) {
        if (cal.isWorkingDay(day)) expected++;
      }
      expect(cal.workingDaysBetween(from, '2026-03-10')).toBe(expected);
    });

    it('inverts addWorkingDays', () => {
      for (const start of ['2025-04-24', '2025-08-29', '2026-02-12', '2025-06-14']) {
        for (let n = 1; n <= 12; n++) {
          expect(cal.workingDaysBetween(start, cal.addWorkingDays(start, n))).toBe(n);
        }
      }
    });
  });

  describe('copyDueDate (COPY-4)', () => {
    it('received at 14:59 local on a working day: due the same day', () => {
      expect(cal.copyDueDate(vn('2025-06-10', '14:59'))).toBe('2025-06-10');
      expect(cal.copyDueDate(vn('2025-06-10', '14:59:59.999'))).toBe('2025-06-10');
    });

    it('received at exactly 15:00 local: due the next working day', () => {
      expect(cal.copyDueDate(vn('2025-06-10', '15:00'))).toBe('2025-06-11');
    });

    it('received Friday 16:00: due Monday', () => {
      expect(cal.copyDueDate(vn('2025-06-13', '16:00'))).toBe('2025-06-16');
    });

    it('received Saturday morning: due Monday', () => {
      expect(cal.copyDueDate(vn('2025-06-14', '09:00'))).toBe('2025-06-16');
    });

    it('received on the day before the 30/4 holidays: before vs after the cut-off', () => {
      expect(cal.copyDueDate(vn('2025-04-29', '10:00'))).toBe('2025-04-29');
      expect(cal.copyDueDate(vn('2025-04-29', '15:30'))).toBe('2025-05-05');
    });

    it('received on a holiday morning: due the next working day', () => {
      expect(cal.copyDueDate(vn('2025-09-02', '08:00'))).toBe('2025-09-03');
    });

    it('received on a make-up Saturday before the cut-off: due that Saturday', () => {
      expect(cal.copyDueDate(vn('2025-04-26', '10:00'))).toBe('2025-04-26');
    });

    it('uses the Vietnam day of an instant that is still the previous day in UTC', () => {
      // 2025-06-10T18:30Z is Wednesday 2025-06-11 01:30 in Vietnam: before the cut-off that day.
      expect(cal.copyDueDate(new Date('2025-06-10T18:30:00Z'))).toBe('2025-06-11');
    });

    it('uses Vietnam time, not UTC, for the cut-off', () => {
      // 08:30Z is 15:30 in Vietnam: after the cut-off although before 15:00 UTC.
      expect(cal.copyDueDate(new Date('2025-06-10T08:30:00Z'))).toBe('2025-06-11');
    });

    it('does not depend on the host time zone', () => {
      const saved = process.env.TZ;
      try {
        process.env.TZ = 'America/Los_Angeles';
        expect(cal.copyDueDate(vn('2025-06-10', '14:59'))).toBe('2025-06-10');
        expect(cal.copyDueDate(new Date('2025-06-10T18:30:00Z'))).toBe('2025-06-11');
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    });

    it('accepts a custom cut-off and rejects a malformed one', () => {
      expect(cal.copyDueDate(vn('2025-06-10', '16:00'), '17:00')).toBe('2025-06-10');
      expect(() => cal.copyDueDate(vn('2025-06-10', '10:00'), '3pm')).toThrow(RangeError);
      expect(() => cal.copyDueDate(vn('2025-06-10', '10:00'), '24:00')).toThrow(RangeError);
    });

    it('throws RangeError on an invalid Date', () => {
      expect(() => cal.copyDueDate(new Date(Number.NaN))).toThrow(RangeError);
    });
  });

  describe('daysLeft', () => {
    it('counts calendar days, negative when overdue', () => {
      expect(cal.daysLeft('2025-06-10', '2025-06-13')).toBe(3);
      expect(cal.daysLeft('2025-06-10', '2025-06-10')).toBe(0);
      expect(cal.daysLeft('2025-06-12', '2025-06-10')).toBe(-2);
      expect(cal.daysLeft('2024-12-31', '2025-01-01')).toBe(1);
      expect(cal.daysLeft('2024-02-01', '2024-03-01')).toBe(29);
    });

    it('throws RangeError on an invalid date', () => {
      expect(() => cal.daysLeft('2025-06-10', '2025-02-29')).toThrow(RangeError);
    });
  });
});
