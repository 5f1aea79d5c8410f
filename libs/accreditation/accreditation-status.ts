import { registerEnumType } from '@nestjs/graphql';

export enum AccreditationStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  REVOKED = 'REVOKED',
}

registerEnumType(AccreditationStatus, {
  name: 'AccreditationStatus',
  description: `SUBMITTED: applied for. APPROVED: a pre-valid card is issued. ACTIVE: the card
was validated at a port-of-entry designated inspection area. SUSPENDED and
REVOKED stop every admission; SUSPENDED can be reinstated, REVOKED cannot.`,
});
