import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CalendarDayEntity } from './entities/calendar-day.entity';
import { CredentialTypeEntity } from './entities/credential-type.entity';
import { SettingEntity } from './entities/setting.entity';

@Injectable()
export class RulebookRepository {
  constructor(private readonly dataSource: DataSource) {}

  findAllSettings(): Promise<SettingEntity[]> {
    return this.dataSource.getRepository(SettingEntity).find({
      // an open start (null) is the earliest period
      order: { key: 'ASC', validFrom: { direction: 'ASC', nulls: 'FIRST' } },
    });
  }

  async insertSetting(em: EntityManager, s: SettingEntity): Promise<void> {
    // The jsonb value is `unknown`, which TypeORM's deep-partial type cannot express.
    await em.insert(SettingEntity, s as QueryDeepPartialEntity<SettingEntity>);
  }

  findCredentialTypes(): Promise<CredentialTypeEntity[]> {
    return this.dataSource.getRepository(CredentialTypeEntity).find({ order: { sortOrder: 'ASC' } });
  }

  findCalendarDays(): Promise<CalendarDayEntity[]> {
    return this.dataSource.getRepository(CalendarDayEntity).find({ order: { day: 'ASC' } });
  }

  findCalendarDay(day: string, em?: EntityManager): Promise<CalendarDayEntity | null> {
    return (em ?? this.dataSource.manager).getRepository(CalendarDayEntity).findOne({ where: { day } });
  }

  async insertCalendarDay(em: EntityManager, d: CalendarDayEntity): Promise<void> {
    await em.insert(CalendarDayEntity, d);
  }
}
