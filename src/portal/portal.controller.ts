import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../common/auth/access.decorators';
import { projectRoot } from '../common/paths';

/** The citizen-facing site (public-portal/). */
@ApiExcludeController()
@Controller()
export class PortalController {
  private readonly home = readFileSync(join(projectRoot(), 'public-portal', 'index.html'), 'utf8');

  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header(
    'Content-Security-Policy',
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  )
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'no-referrer')
  index(): string {
    return this.home;
  }
}
