import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { addCalendarDays, WorkingDayCalendar } from '../common/calendar/working-day-calendar';
import { pathIds } from '../common/auth/scope';
import type { CalendarDayEntity } from './entities/calendar-day.entity';
import type { CredentialTypeEntity } from './entities/credential-type.entity';
import type { SettingEntity } from './entities/setting.entity';
import { RulebookRepository } from './rulebook.repository';
import type {
  AuthorityValue,
  DeadlineRule,
  DeadlineValue,
  IssuerRule,
  Medium,
  RuleSet,
} from './rulebook.types';

/** Settings change rarely; several app instances converge within this many milliseconds. */
const CACHE_MS = 60_000;

interface Snapshot {
  at: number;
  settings: Map<string, SettingEntity[]>;
  types: CredentialTypeEntity[];
  calendarDays: CalendarDayEntity[];
  calendar: WorkingDayCalendar;
}

export interface IssuerDecision {
  credentialType: string;
  date: string;
  ruleSet: RuleSet;
  /** Whether an organisation of this kind may issue this type on this date (ORG-2). */
  allowed: boolean;
  /** The issuing bodies the rules name for the date; empty when none may issue. */
  issuers: IssuerRule[];
  signer: IssuerRule | null;
  reasonVi: string;
  reasonEn: string;
  /** Set for dates the rules flag for review (TIME-11). */
  reviewFlag: { reasonVi: string; reasonEn: string } | null;
  legalBasis: string;
  rules: string;
}

export interface Deadline {
  medium: Medium;
  days: number;
  unit: DeadlineRule['unit'];
  from: DeadlineRule['from'];
  startDate: string;
  dueDate: string;
  legalBasis: string;
  rules: string;
}

/**
 * The effective-dated rule sets (TIME-*, ORG-*, RULES §16). Every decision is taken for a given
 * date (issue date, request date), never for "now".
 */
@Injectable()
export class RulebookService {
  private snapshot: Snapshot | null = null;

  constructor(private readonly repo: RulebookRepository) {}

  private async load(): Promise<Snapshot> {
    if (this.snapshot && Date.now() - this.snapshot.at < CACHE_MS) return this.snapshot;
    const [rows, types, calendarDays] = await Promise.all([
      this.repo.findAllSettings(),
      this.repo.findCredentialTypes(),
      this.repo.findCalendarDays(),
    ]);
    const settings = new Map<string, SettingEntity[]>();
    for (const r of rows) settings.set(r.key, [...(settings.get(r.key) ?? []), r]);
    this.snapshot = {
      at: Date.now(),
      settings,
      types,
      calendarDays,
      calendar: new WorkingDayCalendar(calendarDays.map((d) => ({ day: d.day, kind: d.kind }))),
    };
    return this.snapshot;
  }

  /** Drops the cache after a write (this instance); other instances catch up within CACHE_MS. */
  invalidate(): void {
    this.snapshot = null;
  }

  /**
   * TIME-3: the row applicable on `date` with the latest validFrom, in the most specific scope on
   * `scopePath` (an organisation's materialised path), falling back to national rows.
   */
  async settingRow(key: string, date: string, scopePath?: string): Promise<SettingEntity | null> {
    const rows = (await this.load()).settings.get(key) ?? [];
    const applicable = rows.filter(
      (r) => (!r.validFrom || r.validFrom <= date) && (!r.validTo || date <= r.validTo),
    );
    const scopes = [...(scopePath ? pathIds(scopePath).reverse() : []), null];
    for (const scope of scopes) {
      const inScope = applicable.filter((r) => r.scopeOrgId === scope);
      if (inScope.length)
        return inScope.reduce((a, b) => ((a.validFrom ?? '') >= (b.validFrom ?? '') ? a : b));
    }
    return null;
  }

  async setting<T>(key: string, date: string, scopePath?: string): Promise<T> {
    const row = await this.settingRow(key, date, scopePath);
    if (!row) throw new AppError('SETTING_MISSING', `No value for setting ${key} on ${date}`, { key, date });
    return row.value as T;
  }

  async history(key: string): Promise<SettingEntity[]> {
    return (await this.load()).settings.get(key) ?? [];
  }

  async settingKeys(): Promise<string[]> {
    return [...(await this.load()).settings.keys()].sort();
  }

  /**
   * PRINT-4/5, REG-15: whether a cohort's classification is recorded and printed, by the setting in
   * force at the start of its final school year (1 September before graduation); true for other types.
   */
  async classificationShown(typeCode: string, graduationYear: number, scopePath: string): Promise<boolean> {
    const type = await this.credentialType(typeCode);
    const key =
      type.kind === 'lowerSecondaryDiploma'
        ? 'print.lowerSecondary.showClassification'
        : type.kind === 'upperSecondaryDiploma'
          ? 'print.upperSecondary.showClassification'
          : null;
    if (!key) return true;
    const row = await this.settingRow(key, `${graduationYear - 1}-09-01`, scopePath);
    return row ? row.value === true : true;
  }

  /** TIME-1: the rule set governing a record issued on `date`. */
  ruleSetOn(date: string): Promise<RuleSet> {
    return this.setting<RuleSet>('ruleSet', date);
  }

  async credentialTypes(): Promise<CredentialTypeEntity[]> {
    return (await this.load()).types;
  }

  async credentialType(code: string): Promise<CredentialTypeEntity> {
    const t = (await this.load()).types.find((x) => x.code === code);
    if (!t) {
      throw new AppError('CREDENTIAL_TYPE_UNKNOWN', `Unknown credential type ${code}`, {
        errors: [
          {
            field: 'credentialType',
            code: 'CREDENTIAL_TYPE_UNKNOWN',
            message: 'use a code from GET /api/v1/credential-types',
          },
        ],
      });
    }
    return t;
  }

  async calendar(): Promise<WorkingDayCalendar> {
    return (await this.load()).calendar;
  }

  async calendarDays(): Promise<CalendarDayEntity[]> {
    return (await this.load()).calendarDays;
  }

  /** ORG-2: who may issue `typeCode` on `date`, and whether an organisation of `orgKind` is one of them. */
  async decideIssuer(
    typeCode: string,
    orgKind: string | null,
    date: string,
    scopePath?: string,
  ): Promise<IssuerDecision> {
    const type = await this.credentialType(typeCode);
    const key = `authority.${type.kind}`;
    const row = await this.settingRow(key, date, scopePath);
    const value = (row?.value ?? { issuers: [] }) as AuthorityValue;
    const signer = orgKind ? (value.issuers.find((i) => i.orgKind === orgKind) ?? null) : null;
    const review = await this.settingRow(`issuance.reviewFlag.${type.kind}`, date, scopePath);
    const names = value.issuers.map((i) => i.orgKind).join(', ');
    let reasonVi: string;
    let reasonEn: string;
    if (!value.issuers.length) {
      reasonVi = value.noteVi ?? `Không có cơ quan nào được cấp ${type.nameVi} vào ngày ${date}.`;
      reasonEn = value.noteEn ?? `No body may issue a ${type.nameEn.toLowerCase()} on ${date}.`;
    } else if (signer) {
      reasonVi = `${signer.signerTitleVi} ký cấp ${type.nameVi}.`;
      reasonEn = `The ${signer.signerTitleEn.toLowerCase()} signs the ${type.nameEn.toLowerCase()}.`;
    } else {
      reasonVi = `Ngày ${date}, ${type.nameVi} do cơ quan loại ${names} cấp.`;
      reasonEn = `On ${date}, a ${type.nameEn.toLowerCase()} is issued by: ${names}.`;
    }
    return {
      credentialType: type.code,
      date,
      ruleSet: await this.ruleSetOn(date),
      allowed: !!signer,
      issuers: value.issuers,
      signer,
      reasonVi,
      reasonEn,
      reviewFlag: (review?.value as IssuerDecision['reviewFlag']) ?? null,
      legalBasis: row?.legalBasis ?? 'none',
      rules: row?.rules ?? 'ORG-2',
    };
  }

  /** Throws NO_ISSUING_AUTHORITY unless an organisation of `orgKind` may issue `typeCode` on `date`. */
  async assertMayIssue(
    typeCode: string,
    orgKind: string,
    date: string,
    scopePath?: string,
  ): Promise<IssuerDecision> {
    const d = await this.decideIssuer(typeCode, orgKind, date, scopePath);
    if (!d.allowed) {
      throw new AppError('NO_ISSUING_AUTHORITY', d.reasonEn, {
        credentialType: typeCode,
        date,
        orgKind,
        allowedIssuerKinds: d.issuers.map((i) => i.orgKind),
        reasonVi: d.reasonVi,
        legalBasis: d.legalBasis,
      });
    }
    return d;
  }

  /**
   * ISSUE-3/4, CERT-1: the issuance deadline. The rule in force on `startDate` (the decision date,
   * or the end of the course for certificates) applies. Null when no deadline is set.
   */
  async issuanceDeadline(
    typeCode: string,
    startDate: string,
    medium: Medium = 'paper',
    scopePath?: string,
  ): Promise<Deadline | null> {
    const type = await this.credentialType(typeCode);
    const row = await this.settingRow(`issuance.deadline.${type.kind}`, startDate, scopePath);
    const rule = (row?.value as DeadlineValue | null)?.[medium];
    if (!row || !rule) return null;
    const dueDate =
      rule.unit === 'calendarDays'
        ? addCalendarDays(startDate, rule.days)
        : (await this.calendar()).addWorkingDays(startDate, rule.days);
    return {
      medium,
      days: rule.days,
      unit: rule.unit,
      from: rule.from,
      startDate,
      dueDate,
      legalBasis: row.legalBasis,
      rules: row.rules ?? '',
    };
  }

  /** The caller must call invalidate() after its transaction commits (earlier, a read could cache the old rows). */
  async insertSetting(em: EntityManager, row: SettingEntity): Promise<void> {
    await this.repo.insertSetting(em, row);
  }

  async insertCalendarDay(em: EntityManager, day: CalendarDayEntity): Promise<void> {
    if (await this.repo.findCalendarDay(day.day, em)) {
      throw new AppError('CONFLICT', `${day.day} is already in the calendar`, {
        errors: [{ field: 'day', code: 'CONFLICT', message: 'already listed' }],
      });
    }
    await this.repo.insertCalendarDay(em, day);
  }
}
