import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readVerificationKeys } from '#libs/accreditation/card-keys.reader.js';
import {
  parseSigningKey,
  publicJwkOf,
  signCardToken,
  type CardCatalogue,
  type CardTokenPayload,
  type SigningKey,
} from '#libs/accreditation/card-token.js';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';
import { AccreditationConfig } from '#apps/accreditation/accreditation.config.js';

/**
 * The key that signs card tokens. Its public half is published in
 * accreditation.card_keys at start-up; keys signed with before a rotation stay
 * there (and keep verifying) until they are retired with CARD_RETIRED_KEY_IDS.
 * The private key lives only in this object: never in the database, never in a log.
 */
@Injectable()
export class CardKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CardKeysService.name);
  private readonly signingKey: SigningKey;
  private readonly retired: string[];

  constructor(
    config: AccreditationConfig,
    private readonly dataSource: DataSource,
  ) {
    this.signingKey = parseSigningKey(config.CARD_SIGNING_KEY);
    this.retired = config.retiredCardKeyIds;
    if (this.retired.includes(this.signingKey.kid)) {
      throw new Error(
        `CARD_RETIRED_KEY_IDS names ${this.signingKey.kid}, the key CARD_SIGNING_KEY signs with: rotate to a new key first`,
      );
    }
  }

  get kid(): string {
    return this.signingKey.kid;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows: { retired: boolean }[] = await manager.query(AccreditationSql.cardKeys.publish, [
        this.signingKey.kid,
        JSON.stringify(publicJwkOf(this.signingKey)),
      ]);
      if (rows[0]?.retired) {
        throw new Error(
          `The card-signing key ${this.signingKey.kid} was retired; cards it signs would not verify: configure a new CARD_SIGNING_KEY`,
        );
      }
      if (this.retired.length > 0) {
        // (TypeORM answers an UPDATE with [rows, count].)
        const [done]: [{ kid: string }[], number] = await manager.query(
          AccreditationSql.cardKeys.retire,
          [this.retired],
        );
        for (const { kid } of done) this.logger.log(`card-signing key ${kid} retired`);
      }
    });
    this.logger.log(`card tokens are signed with key ${this.signingKey.kid}`);
  }

  sign(payload: CardTokenPayload, catalogue: CardCatalogue): Promise<string> {
    return signCardToken(payload, this.signingKey, catalogue);
  }

  /** The JWK Set of every key that may have signed a valid card: public halves only. */
  async jwks(): Promise<string> {
    const keys = await readVerificationKeys(this.dataSource);
    return JSON.stringify({ keys: [...keys.values()] });
  }
}
