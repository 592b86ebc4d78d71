import { Module } from '@nestjs/common';
import { FactsModule } from '../facts/facts.module';
import { OrgsController } from './orgs.controller';
import { OrgsRepository } from './orgs.repository';
import { OrgsService } from './orgs.service';

@Module({
  imports: [FactsModule],
  controllers: [OrgsController],
  providers: [OrgsRepository, OrgsService],
  exports: [OrgsService],
})
export class OrgsModule {}
