import { Inject, Injectable } from '@nestjs/common';
import { createHash, sign } from 'node:crypto';
import { localDateTime } from '../common/calendar/working-day-calendar';
import { canonicalJson } from '../common/json/canonical-json';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { OrgsService } from '../orgs/orgs.service';
import type { SigningKeyEntity } from '../signing/entities/signing-key.entity';
import { SigningService } from '../signing/signing.service';

export interface TrustListKey {
  keyId: string;
  ownerOrgCode: string;
  algorithm: 'Ed25519';
  /** Raw 32-byte public key, base64. */
  publicKey: string;
  /** Signing dates (Vietnam time) the key is valid for: validFrom ≤ signedOn, and signedOn ≤ validTo when set. */
  validFrom: string;
  validTo: string | null;
  /** Signatures dated on or after this day are not trusted; earlier ones stay valid. */
  compromisedFrom: string | null;
  coversSubtree: boolean;
}

export interface TrustListIssuer {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: string;
  parentCode: string | null;
  /** Dissolved organisations stay listed: what they issued stays valid (ORG-1). */
  dissolvedOn: string | null;
  /** Keys that may sign for this issuer: its own and those of ancestors that cover their subtree. */
  keyIds: string[];
}

export interface TrustList {
  format: 'vbcc-trust-list';
  version: 1;
  publisher: string;
  issuedAt: string;
  root: { keyId: string; algorithm: 'Ed25519'; publicKey: string };
  keys: TrustListKey[];
  issuers: TrustListIssuer[];
}

export interface SignedTrustList {
  trustList: TrustList;
  signature: { algorithm: 'Ed25519'; keyId: string; canonicalization: 'RFC 8785'; value: string };
}

const vnDate = (d: Date) => localDateTime(d).date;

/**
 * The trust list (ARCHITECTURE §5, docs/TRUST-LIST.md): every issuer with its names and the public
 * keys that may sign its diplomas' QR codes, with validity windows and compromise dates, signed by the
 * root key over its RFC 8785 canonical form. Rebuilt when keys or organisations change.
 */
@Injectable()
export class TrustListService {
  private cached: { stamp: string; list: SignedTrustList; etag: string } | null = null;

  constructor(
    private readonly signing: SigningService,
    private readonly orgs: OrgsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async current(): Promise<{ list: SignedTrustList; etag: string }> {
    const stamp = await this.signing.trustStamp();
    if (this.cached?.stamp === stamp) return this.cached;
    const list = await this.build();
    const etag = `"${createHash('sha256').update(canonicalJson(list)).digest('base64url').slice(0, 27)}"`;
    this.cached = { stamp, list, etag };
    return this.cached;
  }

  private async build(): Promise<SignedTrustList> {
    const root = await this.signing.activeKey('root');
    const keys = await this.signing.keys('issuer');
    const rootOrg = (await this.orgs.findRoot())!;
    const all = await this.orgs.subtree(rootOrg);
    const byId = new Map(all.map((o) => [o.id, o]));
    const keysByOwner = new Map<string, SigningKeyEntity[]>();
    for (const k of keys) keysByOwner.set(k.orgId!, [...(keysByOwner.get(k.orgId!) ?? []), k]);
    const trustList: TrustList = {
      format: 'vbcc-trust-list',
      version: 1,
      publisher: this.config.publicBaseUrl,
      issuedAt: new Date().toISOString(),
      root: { keyId: root.row.keyId, algorithm: 'Ed25519', publicKey: root.row.publicKey.toString('base64') },
      keys: keys.map((k) => toKey(k, byId.get(k.orgId!)?.code ?? '?')),
      issuers: all
        .map((o) => toIssuer(o, byId, keysByOwner))
        .filter((i) => i.keyIds.length)
        .sort((a, b) => (a.code < b.code ? -1 : 1)),
    };
    const value = sign(null, Buffer.from(canonicalJson(trustList), 'utf8'), root.privateKey).toString(
      'base64',
    );
    return {
      trustList,
      signature: { algorithm: 'Ed25519', keyId: root.row.keyId, canonicalization: 'RFC 8785', value },
    };
  }
}

function toKey(k: SigningKeyEntity, ownerOrgCode: string): TrustListKey {
  return {
    keyId: k.keyId,
    ownerOrgCode,
    algorithm: 'Ed25519',
    publicKey: k.publicKey.toString('base64'),
    validFrom: vnDate(k.validFrom),
    validTo: k.retiredAt ? vnDate(k.retiredAt) : null,
    compromisedFrom: k.compromisedAt ? vnDate(k.compromisedAt) : null,
    coversSubtree: k.coversSubtree,
  };
}

function toIssuer(
  o: OrganisationEntity,
  byId: Map<string, OrganisationEntity>,
  keysByOwner: Map<string, SigningKeyEntity[]>,
): TrustListIssuer {
  const ancestors = o.path.split('/').filter(Boolean).slice(0, -1);
  const keyIds = [
    ...(keysByOwner.get(o.id) ?? []),
    ...ancestors.flatMap((id) => (keysByOwner.get(id) ?? []).filter((k) => k.coversSubtree)),
  ].map((k) => k.keyId);
  const parentId = ancestors[ancestors.length - 1];
  return {
    code: o.code,
    nameVi: o.nameVi,
    nameEn: o.nameEn,
    kind: o.kind,
    parentCode: parentId ? (byId.get(parentId)?.code ?? null) : null,
    dissolvedOn: o.validTo,
    keyIds,
  };
}
