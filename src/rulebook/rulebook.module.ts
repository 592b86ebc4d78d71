import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FactsModule } from '../facts/facts.module';
import { OrgsModule } from '../orgs/orgs.module';
import { RulebookAdminService } from './rulebook-admin.service';
import { RulebookController } from './rulebook.controller';
import { RulebookRepository } from './rulebook.repository';
import { RulebookService } from './rulebook.service';

@Module({
  imports: [OrgsModule, AuditModule, FactsModule],
  controllers: [RulebookController],
  providers: [RulebookRepository, RulebookService, RulebookAdminService],
  exports: [RulebookService],
})
export class RulebookModule {}
