import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';

@Entity({ schema: 'accreditation', name: 'accreditations' })
export class AccreditationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'person_id', unique: true })
  personId!: string;

  @Column('text', { name: 'card_number', unique: true })
  cardNumber!: string;

  @Column('text')
  category!: string;

  @Column('text')
  status!: AccreditationStatus;

  @Column('text', { name: 'status_before_suspension', nullable: true })
  statusBeforeSuspension!: AccreditationStatus | null;

  @Column('timestamptz', { name: 'valid_from' })
  validFrom!: Date;

  @Column('timestamptz', { name: 'valid_until' })
  validUntil!: Date;

  @Column('text', { array: true })
  venues!: string[];

  @Column('text', { array: true })
  zones!: string[];

  @Column('integer', { name: 'token_version', default: 0 })
  tokenVersion!: number;

  @Column('text', { name: 'card_token', nullable: true })
  cardToken!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
