import { Module } from '@nestjs/common';
import { FactsModule } from '../facts/facts.module';
import { OrgsModule } from '../orgs/orgs.module';
import { PrintingModule } from '../printing/printing.module';
import { RegisterModule } from '../register/register.module';
import { RulebookModule } from '../rulebook/rulebook.module';
import { CopiesController } from './copies.controller';
import { CopiesRepository } from './copies.repository';
import { CopiesService } from './copies.service';
import { CopyDocumentsService } from './copy-documents.service';
import { RefusalsController } from './refusals/refusals.controller';
import { RefusalsService } from './refusals/refusals.service';

/** Copies from the register (issue 7): requests, numbered copies, the copy PDF and the copy register. */
@Module({
  imports: [RegisterModule, PrintingModule, RulebookModule, FactsModule, OrgsModule],
  controllers: [CopiesController, RefusalsController],
  providers: [CopiesRepository, CopiesService, CopyDocumentsService, RefusalsService],
})
export class CopiesModule {}
