import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccreditationConfig } from '#apps/accreditation/accreditation.config.js';

/** How long a link to a portrait or a printable card stays good. */
export const FILE_LINK_LIFETIME_SECONDS = 5 * 60;
/** Where the gateway serves them (it forwards the path, signed with its proof, to this service). */
export const FILES_PATH = '/files';

/**
 * Short-lived links to files of this service (portraits, printable cards): the
 * path and an expiry, signed with an HMAC keyed from GATEWAY_SECRET. Whoever
 * holds the link may fetch it for a few minutes, as with a signed object-store
 * URL; who may get a link at all is the access policy's question.
 */
@Injectable()
export class FileLinks {
  private readonly key: Buffer;

  constructor(config: AccreditationConfig) {
    this.key = createHmac('sha256', config.GATEWAY_SECRET).update('file-links/v1').digest();
  }

  private signature(resource: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${resource}\n${expires}`).digest('base64url');
  }

  /** A gateway-relative link to the resource (e.g. photos/<id>/full), good for a few minutes. */
  link(resource: string, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + FILE_LINK_LIFETIME_SECONDS;
    return `${FILES_PATH}/${resource}?exp=${expires}&sig=${this.signature(resource, expires)}`;
  }

  /** True when the link's signature is the service's and it has not expired. */
  verify(resource: string, expires: string, signature: string, now = Date.now()): boolean {
    if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < now) return false;
    const expected = Buffer.from(this.signature(resource, Number(expires)));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
