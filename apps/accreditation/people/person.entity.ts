import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ schema: 'accreditation', name: 'people' })
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId!: string;

  @Column('text', { name: 'given_name' })
  givenName!: string;

  @Column('text', { name: 'family_name' })
  familyName!: string;

  @Column('date', { name: 'date_of_birth' })
  dateOfBirth!: string;

  @Column('char', { length: 3 })
  nationality!: string;

  @Column('text')
  function!: string;

  /** Null once the person's identifying data is erased (retention). */
  @Column('text', { name: 'document_number', nullable: true })
  documentNumber!: string | null;

  @Column('timestamptz', { name: 'erased_at', nullable: true })
  erasedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
