import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DEMO_DISSOLUTIONS,
  DEMO_ISSUER_KEYS,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  DEMO_USERS,
  ROOT_ORGANISATION,
} from '../../seeds/demo-data';
import type { JsonLogger } from '../common/logging/json-logger';
import { UsersService } from '../identity/users.service';
import { OrgsService } from '../orgs/orgs.service';
import { SigningService } from '../signing/signing.service';

/** Arbitrary fixed key: instances starting together provision once. */
const PROVISION_LOCK_KEY = 0x76626364;

/**
 * First-start set-up (API.md "Start-up"): the ministry root, the bootstrap admin, then demo data.
 * Each step runs once: it checks what exists, inside one transaction under an advisory lock.
 */
@Injectable()
export class ProvisioningService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgsService,
    private readonly users: UsersService,
    private readonly signing: SigningService,
  ) {}

  async provision(
    opts: { bootstrapAdminPassword: string | null; demoData: boolean },
    logger: JsonLogger,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [PROVISION_LOCK_KEY]);
      const root = (await this.orgs.findRoot(em)) ?? (await this.createRoot(em));
      // The root key signs the trust list; made here, under the lock, so instances agree on one.
      await this.signing.activeKey('root', null, em);
      if (opts.bootstrapAdminPassword && !(await this.userExists(em, 'admin'))) {
        await this.users.create(
          null,
          {
            username: 'admin',
            password: opts.bootstrapAdminPassword,
            orgCode: root.code,
            roles: ['admin'],
            displayName: 'Quản trị hệ thống',
          },
          em,
        );
        logger.event('info', 'provision.admin.created', { orgCode: root.code });
      }
      if (opts.demoData && !(await this.orgExists(em, DEMO_ORGANISATIONS[0].code))) {
        await this.loadDemoData(em);
        logger.event('info', 'provision.demo.loaded', {
          organisations: DEMO_ORGANISATIONS.length,
          users: DEMO_USERS.length,
        });
      }
    });
  }

  private createRoot(em: EntityManager) {
    return this.orgs.create(null, { ...ROOT_ORGANISATION, kind: 'ministry', parentCode: null }, em);
  }

  private async loadDemoData(em: EntityManager): Promise<void> {
    for (const o of DEMO_ORGANISATIONS) await this.orgs.create(null, o, em);
    for (const d of DEMO_DISSOLUTIONS)
      await this.orgs.dissolve(null, d.code, { ...d, kind: 'reorganisation' }, em);
    for (const u of DEMO_USERS) await this.users.create(null, { ...u, password: DEMO_PASSWORD }, em);
    for (const k of DEMO_ISSUER_KEYS) {
      const org = await this.orgs.getByCode(k.orgCode, em);
      await this.signing.createKey('issuer', org.id, em, { coversSubtree: k.coversSubtree });
    }
  }

  private async userExists(em: EntityManager, username: string): Promise<boolean> {
    return this.users.exists(username, em);
  }

  private async orgExists(em: EntityManager, code: string): Promise<boolean> {
    return !!(await this.orgs.findByCode(code, em));
  }
}
