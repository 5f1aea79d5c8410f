import { randomUUID } from 'node:crypto';
import type { GraphQLClient } from '#test/support/graphql-client.js';

/**
 * What the browser scenarios seed beyond test/support/given.ts, through the
 * public API as the admin: changes to a card, movements, a scan at a gate.
 */
export function seed(admin: GraphQLClient) {
  return {
    async suspend(accreditationId: string, reason = 'Under review by the browser test') {
      await admin.query(
        'mutation($id: ID!, $r: String!) { suspendAccreditation(id: $id, reason: $r) { status } }',
        { id: accreditationId, r: reason },
      );
    },

    /** A positive test result: the person is ISOLATED, admitted nowhere. */
    async isolate(personId: string) {
      await admin.query(
        'mutation($input: TestResultInput!) { recordTestResult(input: $input) { status } }',
        {
          input: {
            id: randomUUID(),
            personId,
            sampledAt: new Date().toISOString(),
            result: 'POSITIVE',
          },
        },
      );
    },

    /** Prints a new card: the token of the old one is superseded and lands on the deny list. */
    async reissue(accreditationId: string) {
      await admin.query('mutation($id: ID!) { reissueCard(id: $id) { id } }', {
        id: accreditationId,
      });
    },

    async movements(
      moves: { personId: string; location: string; kind: 'ENTRY' | 'EXIT'; occurredAt: Date }[],
    ) {
      await admin.query(
        'mutation($input: [RecordMovementInput!]!) { recordMovements(input: $input) { id } }',
        {
          input: moves.map((m) => ({
            id: randomUUID(),
            ...m,
            occurredAt: m.occurredAt.toISOString(),
          })),
        },
      );
    },

    async checkIn(areaCode: string, cardNumber: string, direction: 'IN' | 'OUT' = 'IN') {
      const data = await admin.query<{ checkIn: { decision: string } }>(
        'mutation($input: CheckInInput!) { checkIn(input: $input) { decision } }',
        { input: { id: randomUUID(), areaCode, direction, cardNumber } },
      );
      return data.checkIn;
    },
  };
}

export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);
