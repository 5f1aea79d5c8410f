import { registerEnumType } from '@nestjs/graphql';

export enum MovementKind {
  ENTRY = 'ENTRY',
  EXIT = 'EXIT',
}

registerEnumType(MovementKind, { name: 'MovementKind' });
