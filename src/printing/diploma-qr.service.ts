import { Inject, Injectable } from '@nestjs/common';
import { sign } from 'node:crypto';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { OrganisationEntity } from '../orgs/entities/organisation.entity';
import { encodeQrPayload, type QrFields } from '../qr/qr-payload';
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

  sign(view: DiplomaView, key: UsableKey, signedOn: string): SignedQr {
    const e = view.entry;
    const fields: QrFields = {
      credentialType: e.credentialType,
      serialNumber: view.serialNumber,
      registerEntryNumber: e.registerEntryNumber,
      fullName: e.fullName,
      dateOfBirth: e.dateOfBirth,
      issuerOrgCode: view.issuer.code,
      issuedOn: e.issuedOn,
      signedOn,
    };
    const payload = encodeQrPayload(fields, key.row.keyId, (m) => sign(null, m, key.privateKey));
    return {
      payload,
      url: qrUrl(this.config.publicBaseUrl, payload),
      keyId: key.row.keyId,
      signedOn,
      symbol: qrSymbol(this.config.publicBaseUrl, payload),
    };
  }
}
