import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PrintCalibrationEntity } from './entities/print-calibration.entity';

@Injectable()
export class CalibrationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByName(orgId: string, name: string, em?: EntityManager): Promise<PrintCalibrationEntity | null> {
    return (em ?? this.dataSource.manager)
      .getRepository(PrintCalibrationEntity)
      .findOne({ where: { orgId, name } });
  }

  listOf(orgId: string): Promise<PrintCalibrationEntity[]> {
    return this.dataSource
      .getRepository(PrintCalibrationEntity)
      .find({ where: { orgId }, order: { name: 'ASC' } });
  }

  /** Creates or replaces the office's profile of that name (profiles are configuration, not facts). */
  async upsert(em: EntityManager, c: PrintCalibrationEntity): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(PrintCalibrationEntity)
      .values(c)
      .orUpdate(['description', 'offset_x_mm', 'offset_y_mm', 'scale', 'updated_at'], ['org_id', 'name'])
      .execute();
  }
}
