import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readVerificationKeys } from '#libs/accreditation/card-keys.reader.js';
import {
  parseSigningKey,
  publicJwkOf,
  signCardToken,
  type CardTokenPayload,
  type SigningKey,
} from '#libs/accreditation/card-token.js';
import { AccreditationConfig } from '#apps/accreditation/accreditation.config.js';

/**
 * The key that signs card tokens. Its public half is published in
 * accreditation.card_keys at start-up; keys signed with before a rotation stay
 * there (and keep verifying) until they are retired.
 */
@Injectable()
export class CardKeysService implements OnApplicationBootstrap {
  private readonly signingKey: SigningKey;

  constructor(
    config: AccreditationConfig,
    private readonly dataSource: DataSource,
  ) {
    this.signingKey = parseSigningKey(config.CARD_SIGNING_KEY);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO accreditation.card_keys (kid, public_jwk) VALUES ($1, $2)
       ON CONFLICT (kid) DO NOTHING`,
      [this.signingKey.kid, JSON.stringify(publicJwkOf(this.signingKey))],
    );
  }

  sign(payload: CardTokenPayload): Promise<string> {
    return signCardToken(payload, this.signingKey);
  }

  /** The JWK Set of every key that may have signed a valid card: public halves only. */
  async jwks(): Promise<string> {
    const keys = await readVerificationKeys(this.dataSource);
    return JSON.stringify({ keys: [...keys.values()] });
  }
}
