import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AccreditationStatus } from '#libs/accreditation/accreditation-status.js';

/** One change in an accreditation's history: never updated, only added. */
@Entity({ schema: 'accreditation', name: 'accreditation_events' })
export class AccreditationEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'accreditation_id' })
  accreditationId!: string;

  @Column('text')
  status!: AccreditationStatus;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;

  @Column('text', { nullable: true })
  by!: string | null;

  /** The fields updatePerson changed; null for a change of status. */
  @Column('jsonb', { nullable: true })
  changes!: { field: string; from: string | null; to: string | null }[] | null;
}
