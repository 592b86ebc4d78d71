import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ErrorFilter } from './common/errors/error.filter';
import { JsonLogger } from './common/logging/json-logger';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { TransactionService } from './database/transaction.service';
import { Metrics } from './health/metrics';

export interface CoreDeps {
  config: AppConfig;
  dataSource: DataSource;
  logger: JsonLogger;
  metrics: Metrics;
}

/** Process-wide singletons built by bootstrap() before Nest starts: config, database, logger, metrics. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(deps: CoreDeps): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(deps.config.databaseUrl ?? ''),
          dataSourceFactory: async () => deps.dataSource,
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: JsonLogger, useValue: deps.logger },
        { provide: Metrics, useValue: deps.metrics },
        { provide: APP_FILTER, useFactory: (l: JsonLogger) => new ErrorFilter(l), inject: [JsonLogger] },
        TransactionService,
      ],
      exports: [APP_CONFIG, JsonLogger, Metrics, TransactionService, TypeOrmModule],
    };
  }
}
