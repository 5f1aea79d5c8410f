import { randomUUID } from 'node:crypto';
import type { RunningSystem } from '#tools/in-process-system.js';
import type { GraphQLClient } from '#test/support/graphql-client.js';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();

export interface GivenPerson {
  id: string;
  accreditationId: string;
  cardNumber: string;
  documentNumber: string;
  givenName: string;
  familyName: string;
  /** "Given Family", as screens show it. */
  name: string;
}

/** A person whose accreditation was approved: the signed card token is theirs. */
export type ApprovedPerson = GivenPerson & { cardToken: string };

/** A user who can also sign in by hand (the browser tests type these into the form). */
export interface GivenAccount {
  email: string;
  password: string;
  client: GraphQLClient;
}

/**
 * Factories for e2e tests: each builds what a test needs through the public
 * API (as the admin unless told otherwise), with unique codes.
 */
export function given(system: RunningSystem, as: GraphQLClient = system.admin) {
  return {
    async user(roles: string[], extra: { organisationId?: string } = {}): Promise<GraphQLClient> {
      return (await this.account(roles, extra)).client;
    },

    async account(roles: string[], extra: { organisationId?: string } = {}): Promise<GivenAccount> {
      const email = `user-${unique().toLowerCase()}@games.test`;
      const password = 'a-long-password-for-tests';
      await as.query(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
        input: { email, password, roles, ...extra },
      });
      return { email, password, client: await system.anonymous.login(email, password) };
    },

    async organisation(extra: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
      const data = await as.query<{ createOrganisation: { id: string; code: string } }>(
        `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id code } }`,
        {
          input: {
            code: `NOC-${unique()}`,
            name: 'Test delegation',
            type: 'NOC',
            country: 'CHN',
            ...extra,
          },
        },
      );
      return data.createOrganisation;
    },

    personInput(
      organisationId: string,
      overrides: Record<string, unknown> = {},
      accreditation: Record<string, unknown> = {},
    ) {
      return {
        organisationId,
        givenName: 'Ada',
        familyName: `Tester${unique()}`,
        dateOfBirth: '1998-05-17',
        nationality: 'CHN',
        function: 'Athlete',
        documentNumber: `E${unique()}`,
        accreditation: {
          category: 'Aa',
          venues: ['*'],
          zones: ['*'],
          validFrom: new Date(Date.now() - 86_400_000).toISOString(),
          validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          ...accreditation,
        },
        ...overrides,
      };
    },

    async person(
      organisationId: string,
      accreditation: Record<string, unknown> = {},
      overrides: Record<string, unknown> = {},
    ): Promise<GivenPerson> {
      const input = this.personInput(organisationId, overrides, accreditation);
      const data = await as.query<{
        registerPerson: { id: string; accreditation: { id: string; cardNumber: string } };
      }>(
        `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) {
           id accreditation { id cardNumber } } }`,
        { input },
      );
      const p = data.registerPerson;
      return {
        id: p.id,
        accreditationId: p.accreditation.id,
        cardNumber: p.accreditation.cardNumber,
        documentNumber: input.documentNumber,
        givenName: String(input.givenName),
        familyName: String(input.familyName),
        name: `${String(input.givenName)} ${String(input.familyName)}`,
      };
    },

    /** A person registered and approved, not yet arrived: the card is pre-valid. */
    async approvedPerson(
      organisationId: string,
      accreditation: Record<string, unknown> = {},
      overrides: Record<string, unknown> = {},
    ): Promise<ApprovedPerson> {
      const person = await this.person(organisationId, accreditation, overrides);
      const { cardToken } = await this.approve(person.accreditationId);
      if (!cardToken) throw new Error('an approved accreditation has a card token');
      return { ...person, cardToken };
    },

    async approve(accreditationId: string) {
      const data = await as.query<{
        approveAccreditation: { status: string; cardToken: string | null };
      }>(`mutation($id: ID!) { approveAccreditation(id: $id) { status cardToken } }`, {
        id: accreditationId,
      });
      return data.approveAccreditation;
    },

    async area(input: Record<string, unknown> = {}): Promise<{ code: string }> {
      const data = await as.query<{ createInspectionArea: { code: string } }>(
        `mutation($input: CreateInspectionAreaInput!) { createInspectionArea(input: $input) { code } }`,
        {
          input: {
            code: `AREA-${unique()}`,
            name: 'Test area',
            kind: 'VENUE',
            venueCode: 'NST',
            zone: '1',
            ...input,
          },
        },
      );
      return data.createInspectionArea;
    },

    async arrive(areaCode: string, cardNumber: string, documentNumber: string, arrivedAt?: string) {
      const data = await as.query<{ processArrival: { decision: string; reasons: string[] } }>(
        `mutation($input: ArrivalInput!) { processArrival(input: $input) { decision reasons } }`,
        { input: { id: randomUUID(), areaCode, cardNumber, documentNumber, arrivedAt } },
      );
      return data.processArrival;
    },

    /** A person registered, approved and validated on arrival: inside the loop. */
    async arrivedPerson(
      organisationId: string,
      accreditation: Record<string, unknown> = {},
      overrides: Record<string, unknown> = {},
    ): Promise<ApprovedPerson> {
      const person = await this.approvedPerson(organisationId, accreditation, overrides);
      const port = await this.area({ kind: 'PORT_OF_ENTRY', venueCode: 'PEK', zone: 'T3' });
      const arrival = await this.arrive(port.code, person.cardNumber, person.documentNumber);
      if (arrival.decision !== 'ADMITTED')
        throw new Error(`the arrival was denied: ${arrival.reasons.join(', ')}`);
      return person;
    },
  };
}
