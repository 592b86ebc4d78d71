import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { FactLogService } from '../facts/fact-log.service';
import type { Actor } from '../common/auth/actor';
import { assertInScope, pathIds } from '../common/auth/scope';
import { AppError } from '../common/errors/app-error';
import { uuidv7 } from '../common/ids/uuid-v7';
import { TransactionService } from '../database/transaction.service';
import { OrgsService } from '../orgs/orgs.service';
import {
  type AuthorityDecisionDto,
  type CreateCalendarDayDto,
  type CreateSettingDto,
  type CredentialTypeListDto,
  type SettingAnswerDto,
  toAuthorityDecision,
  toCredentialTypeResponse,
  toSettingRow,
} from './dto/rulebook.dto';
import type { CalendarDayEntity } from './entities/calendar-day.entity';
import type { SettingEntity } from './entities/setting.entity';
import { RULEBOOK_SETTING } from './rulebook.facts';
import { RulebookService } from './rulebook.service';
import type { Medium } from './rulebook.types';

/** The rulebook's HTTP use cases: reading decisions for an organisation, and recording new rules. */
@Injectable()
export class RulebookAdminService {
  constructor(
    private readonly rulebook: RulebookService,
    private readonly orgs: OrgsService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly facts: FactLogService,
  ) {}

  async describeCredentialTypes(date?: string): Promise<CredentialTypeListDto> {
    const types = await this.rulebook.credentialTypes();
    const ruleSets = await this.rulebook.history('ruleSet');
    const items = [];
    for (const t of types) {
      const authority = await this.rulebook.history(`authority.${t.kind}`);
      let onDate;
      if (date) {
        const d = await this.rulebook.decideIssuer(t.code, null, date);
        onDate = { date, ruleSet: d.ruleSet, issuers: d.issuers };
      }
      items.push(toCredentialTypeResponse(t, ruleSets, authority, onDate));
    }
    return { items };
  }

  async authority(
    typeCode: string,
    orgCode: string | null,
    date: string,
    medium: Medium,
  ): Promise<AuthorityDecisionDto> {
    const org = orgCode ? await this.orgs.getByCode(orgCode) : null;
    const decision = await this.rulebook.decideIssuer(typeCode, org?.kind ?? null, date, org?.path);
    const deadline = await this.rulebook.issuanceDeadline(typeCode, date, medium, org?.path);
    return toAuthorityDecision(decision, orgCode, decision.issuers.length ? deadline : null);
  }

  async answerSetting(key: string, date: string, orgCode?: string): Promise<SettingAnswerDto> {
    const org = orgCode ? await this.orgs.getByCode(orgCode) : null;
    const applied = await this.rulebook.settingRow(key, date, org?.path);
    const history = await this.rulebook.history(key);
    if (!history.length) {
      throw new AppError('NOT_FOUND', `No setting named ${key}`, {
        errors: [{ field: 'key', code: 'NOT_FOUND', message: 'unknown setting key' }],
      });
    }
    return {
      key,
      date,
      value: applied?.value ?? null,
      applied: applied ? toSettingRow(applied) : null,
      history: history.map(toSettingRow),
    };
  }

  /** TIME-3: a change in the law or a local choice inserts a row; nothing is edited. */
  async addSetting(actor: Actor, dto: CreateSettingDto): Promise<SettingEntity> {
    if (dto.validFrom && dto.validTo && dto.validTo < dto.validFrom) {
      throw new AppError('VALIDATION_FAILED', 'validTo is before validFrom', {
        errors: [{ field: 'validTo', code: 'BEFORE_VALID_FROM', message: 'must be on or after validFrom' }],
      });
    }
    let scopeOrgId: string | null = null;
    let scopePath: string;
    if (dto.scopeOrgCode) {
      const org = await this.orgs.getByCode(dto.scopeOrgCode);
      assertInScope(actor, org.path, `Organisation ${org.code}`);
      scopeOrgId = org.id;
      scopePath = org.path;
    } else {
      if (pathIds(actor.orgPath).length !== 1) {
        throw new AppError('FORBIDDEN', 'National settings are recorded at the ministry');
      }
      scopePath = actor.orgPath;
    }
    const saved = await this.tx.run(async (em) => {
      const row: SettingEntity = {
        id: uuidv7(),
        key: dto.key,
        scopeOrgId,
        value: dto.value ?? null,
        validFrom: dto.validFrom ?? null,
        validTo: dto.validTo ?? null,
        legalBasis: dto.legalBasis,
        rules: dto.rules ?? null,
        createdAt: new Date(),
      };
      await this.rulebook.insertSetting(em, row);
      await this.facts.record(em, {
        type: RULEBOOK_SETTING.type,
        ids: [row.id],
        audit: {
          action: 'rulebook.setting.add',
          targetType: 'setting',
          targetId: row.id,
          scopePath,
          details: {
            key: row.key,
            validFrom: row.validFrom,
            validTo: row.validTo,
            scopeOrgCode: dto.scopeOrgCode ?? null,
          },
        },
      });
      return row;
    });
    this.rulebook.invalidate();
    return saved;
  }

  async calendarDays(year?: string): Promise<CalendarDayEntity[]> {
    const all = await this.rulebook.calendarDays();
    return year ? all.filter((d) => d.day.startsWith(`${year}-`)) : all;
  }

  async addCalendarDay(actor: Actor, dto: CreateCalendarDayDto): Promise<CalendarDayEntity> {
    if (pathIds(actor.orgPath).length !== 1) {
      throw new AppError('FORBIDDEN', 'The national calendar is maintained at the ministry');
    }
    const saved = await this.tx.run(async (em) => {
      const day: CalendarDayEntity = { ...dto, legalBasis: dto.legalBasis ?? null };
      await this.rulebook.insertCalendarDay(em, day);
      await this.audit.record(em, {
        action: 'rulebook.calendar.add',
        targetType: 'calendarDay',
        targetId: day.day,
        details: { kind: day.kind },
      });
      return day;
    });
    this.rulebook.invalidate();
    return saved;
  }
}
