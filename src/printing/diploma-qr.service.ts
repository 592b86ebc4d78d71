import { Inject, Injectable } from '@nestjs/common';
import { sign } from 'node:crypto';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { encodeQrPayload, qrSigningMessage, type QrFields } from '../qr/qr-payload';
import { qrSymbol, qrUrl, type QrSymbol } from '../qr/qr-symbol';
import type { DiplomaView } from '../register/diplomas.service';
import { SigningService, type UsableKey } from '../signing/signing.service';

export interface SignedQr {
  payload: string;
  url: string;
  keyId: string;
  signedOn: string;
  symbol: QrSymbol;
}

/** PRINT-10: the QR of a diploma, signed at print time by the issuer's key (docs/QR-FORMAT.md). */
@Injectable()
export class DiplomaQrService {
  constructor(
    private readonly signing: SigningService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The issuer's own key, else its province's (ARCHITECTURE §5); a batch opens it once. */
  async keyFor(issuer: OrganisationEntity): Promise<UsableKey> {
    const key = await this.signing.issuerKey(issuer.path);
    if (!key) {
      throw new AppError(
        'SIGNING_KEY_MISSING',
        `No signing key covers ${issuer.code}: create one with "npm run cli -- keys create issuer ${issuer.code}"`,
        { orgCode: issuer.code },
      );
    }
    return key;
  }

  /** Why this diploma's QR cannot be encoded (a name over the format's limit, say), or null. */
  problem(view: DiplomaView, key: UsableKey, signedOn: string): string | null {
    try {
      qrSigningMessage(this.fields(view, signedOn), key.row.keyId);
      return null;
    } catch (e) {
      if (e instanceof AppError && e.code === 'QR_PAYLOAD_INVALID') return e.message;
      throw e;
    }
  }

  sign(view: DiplomaView, key: UsableKey, signedOn: string): SignedQr {
    return this.encoded(view, key, signedOn, (m) => sign(null, m, key.privateKey));
  }

  /**
   * For a preview on plain paper: the same payload with an all-zero signature. It looks and scans like
   * the real QR (same size), and never verifies, so a test print cannot pass for a signed diploma.
   */
  specimen(view: DiplomaView, key: UsableKey, signedOn: string): SignedQr {
    return this.encoded(view, key, signedOn, () => Buffer.alloc(64));
  }

  private encoded(
    view: DiplomaView,
    key: UsableKey,
    signedOn: string,
    signWith: (m: Buffer) => Buffer,
  ): SignedQr {
    const payload = encodeQrPayload(this.fields(view, signedOn), key.row.keyId, signWith);
    return {
      payload,
      url: qrUrl(this.config.publicBaseUrl, payload),
      keyId: key.row.keyId,
      signedOn,
      symbol: qrSymbol(this.config.publicBaseUrl, payload),
    };
  }

  private fields(view: DiplomaView, signedOn: string): QrFields {
    const e = view.entry;
    return {
      credentialType: e.credentialType,
      serialNumber: view.serialNumber,
      registerEntryNumber: e.registerEntryNumber,
      fullName: view.content.fullName,
      dateOfBirth: view.content.dateOfBirth,
      issuerOrgCode: view.issuer.code,
      issuedOn: e.issuedOn,
      signedOn,
    };
  }
}
