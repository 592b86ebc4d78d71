import { Controller, Get, Header, Headers, HttpCode, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/access.decorators';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Metrics } from './metrics';

class HealthDto {
  @ApiProperty({ example: 'ok' }) status!: string;
  @ApiProperty({ example: 'ok' }) database!: string;
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('health')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: HealthDto })
  async health(): Promise<HealthDto> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (e) {
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        'The database does not answer',
        { database: 'down' },
        undefined,
        { cause: e },
      );
    }
    return { status: 'ok', database: 'ok' };
  }

  /**
   * Prometheus format. Aggregates only (no personal data); when METRICS_TOKEN is set, scrapers
   * must send it as a bearer token.
   */
  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metricsText(@Headers('authorization') authz?: string): Promise<string> {
    const expected = this.config.metricsToken;
    if (expected) {
      const got = Buffer.from(authz?.replace(/^Bearer\s+/i, '') ?? '');
      const want = Buffer.from(expected);
      if (got.length !== want.length || !timingSafeEqual(got, want)) {
        throw new AppError('AUTH_REQUIRED', 'Send the metrics token as "Authorization: Bearer <token>"');
      }
    }
    return this.metrics.registry.metrics();
  }
}
