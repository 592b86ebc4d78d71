import { Module } from '@nestjs/common';
import { FactsModule } from '../facts/facts.module';
import { OrgsModule } from '../orgs/orgs.module';
import { RulebookModule } from '../rulebook/rulebook.module';
import { TransparencyModule } from '../transparency/transparency.module';
import { BlankReportsService } from './blank-reports.service';
import { BlanksController } from './blanks.controller';
import { BlanksRepository } from './blanks.repository';
import { BlanksService } from './blanks.service';
import { ReconciliationExport } from './reports/reconciliation-export';

@Module({
  imports: [OrgsModule, RulebookModule, FactsModule, TransparencyModule],
  controllers: [BlanksController],
  providers: [BlanksRepository, BlanksService, BlankReportsService, ReconciliationExport],
  exports: [BlanksService, BlankReportsService],
})
export class BlanksModule {}
