import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readVerificationKeys } from '#libs/accreditation/card-keys.reader.js';
import {
  verifyCardToken,
  type CardJwk,
  type CardTokenPayload,
} from '#libs/accreditation/card-token.js';

/** How long the published keys are trusted before they are read again. */
const KEYS_TTL_MS = 60_000;

/**
 * Verifies card tokens against the published keys, cached so a scan costs no
 * extra query. The server needs only the card number and token version of a
 * token (the rest it reads from the accreditation), so no catalogue is needed.
 */
@Injectable()
export class CardVerifier {
  private keys: Map<string, CardJwk> = new Map();
  private loadedAt = 0;

  constructor(private readonly dataSource: DataSource) {}

  async verify(token: string): Promise<CardTokenPayload | null> {
    if (Date.now() - this.loadedAt > KEYS_TTL_MS) await this.reload();
    const payload = await verifyCardToken(token, this.keys);
    if (payload) return payload;
    // A key published since the last read (a rotation): read once more before refusing.
    await this.reload();
    return verifyCardToken(token, this.keys);
  }

  private async reload(): Promise<void> {
    this.keys = await readVerificationKeys(this.dataSource);
    this.loadedAt = Date.now();
  }
}
