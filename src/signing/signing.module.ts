import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { KeyVault } from './key-vault';
import { SigningKeysRepository } from './signing-keys.repository';
import { KEY_VAULT, SigningService } from './signing.service';

@Module({
  imports: [AuditModule],
  providers: [
    SigningKeysRepository,
    SigningService,
    {
      provide: KEY_VAULT,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => new KeyVault(c.keyEncryptionKey!),
    },
  ],
  exports: [SigningService],
})
export class SigningModule {}
