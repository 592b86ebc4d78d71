import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { BlanksModule } from './blanks/blanks.module';
import { CopiesModule } from './copies/copies.module';
import { type CoreDeps, CoreModule } from './core.module';
import { CustodyModule } from './custody/custody.module';
import { HealthController } from './health/health.controller';
import { IdentityModule } from './identity/identity.module';
import { JobsModule } from './jobs/jobs.module';
import { OrgsModule } from './orgs/orgs.module';
import { PortalModule } from './portal/portal.module';
import { PrintingModule } from './printing/printing.module';
import { DemoModule } from './demo/demo.module';
import { ProvisioningModule } from './provisioning/provisioning.module';
import { RegisterModule } from './register/register.module';
import { RulebookModule } from './rulebook/rulebook.module';
import { TransparencyModule } from './transparency/transparency.module';
import { TrustListModule } from './trust-list/trust-list.module';
import { VerificationModule } from './verification/verification.module';

@Module({})
export class AppModule {
  static forRoot(deps: CoreDeps): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(deps),
        AuditModule,
        OrgsModule,
        IdentityModule,
        RulebookModule,
        CustodyModule,
        BlanksModule,
        JobsModule,
        RegisterModule,
        PrintingModule,
        CopiesModule,
        TransparencyModule,
        TrustListModule,
        VerificationModule,
        ProvisioningModule,
        DemoModule,
        PortalModule,
      ],
      controllers: [HealthController],
    };
  }
}
