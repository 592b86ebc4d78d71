import { Module } from '@nestjs/common';
import { BlanksModule } from '../blanks/blanks.module';
import { JobsModule } from '../jobs/jobs.module';
import { OrgsModule } from '../orgs/orgs.module';
import { RegisterModule } from '../register/register.module';
import { DemoDiplomasService } from './demo-diplomas.service';

@Module({
  imports: [OrgsModule, BlanksModule, JobsModule, RegisterModule],
  providers: [DemoDiplomasService],
  exports: [DemoDiplomasService],
})
export class DemoModule {}
