import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '#libs/auth/roles.js';
import type { Language } from '#apps/accreditation/identity/language.js';

@Entity({ schema: 'identity', name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text', { name: 'password_hash' })
  passwordHash!: string;

  @Column('text', { array: true })
  roles!: Role[];

  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId!: string | null;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt!: Date | null;

  @Column('integer', { name: 'session_epoch', default: 0 })
  sessionEpoch!: number;

  @Column('text', { name: 'preferred_language', nullable: true })
  preferredLanguage!: Language | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
