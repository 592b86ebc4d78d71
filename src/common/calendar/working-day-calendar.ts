// Calendar days are ISO strings (YYYY-MM-DD) and day arithmetic is done on integer day numbers, never on
// JS Date, so no host or database time zone can shift a day. Date is used only for instants.

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** An exception to Monday–Friday: an official holiday, or a Saturday/Sunday declared a working day (làm bù). */
export type CalendarException = { day: string; kind: 'holiday' | 'workingDay' };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Working days are Monday–Friday minus declared holidays plus declared make-up working days. All
 * deadline arithmetic of the registry (REISSUE-4, CORR-5, COPY-4) goes through this class.
 */
export class WorkingDayCalendar {
  private readonly exceptions = new Map<string, CalendarException['kind']>();

  constructor(exceptions: Iterable<CalendarException> = []) {
    for (const { day, kind } of exceptions) {
      assertIsoDate(day);
      if (kind !== 'holiday' && kind !== 'workingDay') {
        throw new RangeError(`Unknown calendar exception kind for ${day}: ${String(kind)}`);
      }
      const existing = this.exceptions.get(day);
      if (existing !== undefined && existing !== kind) {
        throw new RangeError(`Calendar day ${day} is declared both a holiday and a working day`);
      }
      this.exceptions.set(day, kind);
    }
  }

  isWorkingDay(day: string): boolean {
    const kind = this.exceptions.get(day);
    const weekday = dayOfWeek(day); // validates day even when it is an exception
    if (kind !== undefined) return kind === 'workingDay';
    return weekday >= 1 && weekday <= 5;
  }

  /** The first working day strictly after `day`. */
  nextWorkingDay(day: string): string {
    let n = toDayNumber(day);
    do n++;
    while (!this.isWorkingDay(fromDayNumber(n)));
    return fromDayNumber(n);
  }

  /**
   * The day `n` working days after `day`, counting from the day after (REISSUE-4, CORR-5: "within 5
   * working days"). With n = 0: `day` itself if it is a working day, else the next working day.
   */
  addWorkingDays(day: string, n: number): string {
    assertIsoDate(day);
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`Working day count must be an integer >= 0: ${n}`);
    }
    if (n === 0) return this.isWorkingDay(day) ? day : this.nextWorkingDay(day);
    let current = day;
    for (let i = 0; i < n; i++) current = this.nextWorkingDay(current);
    return current;
  }

  /** Number of working days in (from, to]; 0 when `to` is not after `from`. */
  workingDaysBetween(from: string, to: string): number {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    if (b <= a) return 0;
    // Weekdays by arithmetic, then correct for the (few) exceptions inside the range.
    let count = weekdaysUpTo(b) - weekdaysUpTo(a);
    for (const [day, kind] of this.exceptions) {
      const d = toDayNumber(day);
      if (d <= a || d > b) continue;
      const weekday = isWeekday(d);
      if (kind === 'holiday' && weekday) count--;
      if (kind === 'workingDay' && !weekday) count++;
    }
    return count;
  }

  /**
   * COPY-4: a copy request received on a working day before `cutoff` (HH:mm, Vietnam local time) is due
   * that day; received at or after the cut-off, or on a non-working day, it is due the next working day.
   */
  copyDueDate(receivedAt: Date, cutoff = '15:00'): string {
    if (!HH_MM.test(cutoff)) throw new RangeError(`Cut-off must be HH:mm (00:00–23:59): ${cutoff}`);
    const { date, time } = localDateTime(receivedAt, VIETNAM_TIME_ZONE);
    // Zero-padded HH:mm strings compare in clock order.
    return this.isWorkingDay(date) && time < cutoff ? date : this.nextWorkingDay(date);
  }

  /** Calendar days from `today` to `due`; negative when overdue. */
  daysLeft(today: string, due: string): number {
    return toDayNumber(due) - toDayNumber(today);
  }
}

/** `day` shifted by `n` calendar days (n may be negative). */
/** A yyyy-MM-dd day as Vietnamese documents write it: dd/MM/yyyy. */
export function dayMonthYear(day: string): string {
  return day.split('-').reverse().join('/');
}

export function addCalendarDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Calendar day count must be an integer: ${n}`);
  return fromDayNumber(toDayNumber(day) + n);
}

/** Local calendar date and wall-clock time (HH:mm, 24-hour) of an instant in `timeZone`. */
export function localDateTime(instant: Date, timeZone = VIETNAM_TIME_ZONE): { date: string; time: string } {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('Invalid instant: expected a valid Date');
  }
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** True for a real proleptic-Gregorian calendar date written exactly as YYYY-MM-DD (years 0001–9999). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Day of the week of an ISO date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: string): number {
  // Day number 0 (1970-01-01) was a Thursday.
  return mod(toDayNumber(day) + 4, 7);
}

// Intl formatters are costly to build; one per time zone is enough.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    // en-US with h23 gives ASCII digits and 00–23 hours; an unknown zone throws RangeError here.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function assertIsoDate(day: string): void {
  if (typeof day !== 'string' || !isIsoDate(day)) {
    throw new RangeError(`Invalid calendar date (expected a real YYYY-MM-DD date): ${String(day)}`);
  }
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

// Days since 1970-01-01 (H. Hinnant's days_from_civil), exact for the proleptic Gregorian calendar.
function toDayNumber(day: string): number {
  assertIsoDate(day);
  const [y0, m, d] = day.split('-').map(Number);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// Inverse of toDayNumber (civil_from_days).
function fromDayNumber(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 1 || y > 9999) throw new RangeError(`Date out of range (years 0001–9999): day number ${n}`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isWeekday(dayNumber: number): boolean {
  const weekday = mod(dayNumber + 4, 7);
  return weekday >= 1 && weekday <= 5;
}

// Monday–Friday days from an arbitrary Monday (day number 4 = 1970-01-05) up to and including `dayNumber`;
// only differences of this are meaningful.
function weekdaysUpTo(dayNumber: number): number {
  const k = dayNumber - 4;
  const weeks = Math.floor(k / 7);
  return weeks * 5 + Math.min(k - weeks * 7 + 1, 5);
}
