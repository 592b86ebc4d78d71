import { Module } from '@nestjs/common';
import { FactsModule } from '../facts/facts.module';
import { OrgsModule } from '../orgs/orgs.module';
import { RulebookModule } from '../rulebook/rulebook.module';
import { CustodyController } from './custody.controller';
import { CustodyRepository } from './custody.repository';
import { CustodyService } from './custody.service';

@Module({
  imports: [OrgsModule, RulebookModule, FactsModule],
  controllers: [CustodyController],
  providers: [CustodyRepository, CustodyService],
  exports: [CustodyService],
})
export class CustodyModule {}
