import { Module } from '@nestjs/common';
import { BlanksModule } from '../blanks/blanks.module';
import { CustodyModule } from '../custody/custody.module';
import { FactsModule } from '../facts/facts.module';
import { JobsModule } from '../jobs/jobs.module';
import { OrgsModule } from '../orgs/orgs.module';
import { RulebookModule } from '../rulebook/rulebook.module';
import { TransparencyModule } from '../transparency/transparency.module';
import { AmendmentsController, AppendixController } from './amendments/amendments.controller';
import { AppendixService } from './amendments/appendix.service';
import { CorrectionsService } from './amendments/corrections.service';
import { ReissuesService } from './amendments/reissues.service';
import { RevocationsService } from './amendments/revocations.service';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { DiplomasController } from './diplomas.controller';
import { DiplomasService } from './diplomas.service';
import { IssuanceService } from './issuance.service';
import { RegisterBooksController } from './register-books.controller';
import { RegisterBooksService } from './register-books.service';
import { RegisterRepository } from './register.repository';

@Module({
  imports: [
    OrgsModule,
    RulebookModule,
    CustodyModule,
    BlanksModule,
    FactsModule,
    JobsModule,
    TransparencyModule,
  ],
  controllers: [
    DecisionsController,
    DiplomasController,
    RegisterBooksController,
    AmendmentsController,
    AppendixController,
  ],
  providers: [
    RegisterRepository,
    DecisionsService,
    IssuanceService,
    DiplomasService,
    RegisterBooksService,
    RevocationsService,
    CorrectionsService,
    ReissuesService,
    AppendixService,
  ],
  exports: [DiplomasService, DecisionsService, IssuanceService, RevocationsService, CorrectionsService],
})
export class RegisterModule {}
