import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccreditationSql } from '#libs/sql/accreditation.sql.js';

export type PortraitVariant = 'full' | 'thumb';

export interface PortraitInfo {
  width: number;
  height: number;
  takenAt: Date;
}

export interface Portrait extends PortraitInfo {
  /** JPEG, at most 600 x 800. */
  image: Buffer;
  /** JPEG, at most 150 x 200. */
  thumbnail: Buffer;
}

/**
 * Where portraits live. PostgreSQL by default (PostgresPortraitStore); an
 * S3-compatible object store can take over for a large Games by implementing
 * these three calls (the image bytes there, PortraitInfo wherever is handy).
 */
export abstract class PortraitStore {
  /** Stores the person's portrait, replacing any earlier one. */
  abstract save(personId: string, portrait: Portrait): Promise<void>;
  /** The JPEG bytes of one variant, or null when the person has no portrait. */
  abstract read(personId: string, variant: PortraitVariant): Promise<Buffer | null>;
  /** What is known of each person's portrait, in the order asked (null: none). */
  abstract describe(personIds: readonly string[]): Promise<(PortraitInfo | null)[]>;
}

@Injectable()
export class PostgresPortraitStore extends PortraitStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async save(personId: string, p: Portrait): Promise<void> {
    await this.dataSource.query(AccreditationSql.portraits.save, [
      personId,
      p.image,
      p.thumbnail,
      p.width,
      p.height,
      p.takenAt,
    ]);
  }

  async read(personId: string, variant: PortraitVariant): Promise<Buffer | null> {
    const sql =
      variant === 'thumb' ? AccreditationSql.portraits.thumbnail : AccreditationSql.portraits.image;
    const rows: { bytes: Buffer }[] = await this.dataSource.query(sql, [personId]);
    return rows[0]?.bytes ?? null;
  }

  async describe(personIds: readonly string[]): Promise<(PortraitInfo | null)[]> {
    const rows: { person_id: string; width: number; height: number; taken_at: Date }[] =
      await this.dataSource.query(AccreditationSql.portraits.describe, [personIds]);
    const byId = new Map(rows.map((r) => [r.person_id, r]));
    return personIds.map((id) => {
      const r = byId.get(id);
      return r ? { width: r.width, height: r.height, takenAt: r.taken_at } : null;
    });
  }
}
