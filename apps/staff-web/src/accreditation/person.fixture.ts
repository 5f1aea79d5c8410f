/** A person as the Person query answers, for component tests. */
export function person(status: string, id = 'p1', givenName = 'Eileen') {
  return {
    __typename: 'Person',
    id,
    givenName,
    familyName: 'Gu',
    dateOfBirth: '2003-09-03',
    nationality: 'CHN',
    function: 'Athlete',
    documentNumber: 'E1234567',
    organisation: { __typename: 'Organisation', id: 'o1', code: 'NOC-CHN', name: 'China' },
    accreditation: {
      __typename: 'Accreditation',
      id: 'acc1',
      cardNumber: '12345671',
      category: 'Aa',
      status,
      validFrom: '2022-01-23T00:00:00Z',
      validUntil: '2022-02-25T00:00:00Z',
      venues: ['NST', 'YAN'],
      zones: ['1', '2'],
      cardToken: 'eyJhbGciOiJFZERTQSJ9.eyJjbiI6IjEyMzQ1NjcxIn0.c2ln',
      history: [
        {
          __typename: 'AccreditationEvent',
          status: 'SUBMITTED',
          reason: null,
          at: '2021-12-01T10:00:00Z',
          by: 'officer@games.test',
          changes: [],
        },
      ],
    },
    closedLoop: {
      __typename: 'ClosedLoopState',
      status: 'IN_LOOP',
      enteredAt: '2022-01-25T10:00:00Z',
      lastNegativeTestAt: null,
      testDueBy: null,
      closeContactUntil: null,
    },
    movements: {
      __typename: 'MovementConnection',
      totalCount: 1,
      nodes: [
        {
          __typename: 'MovementEvent',
          id: 'm1',
          location: 'PEK-T3',
          kind: 'ENTRY',
          occurredAt: '2022-01-25T10:00:00Z',
          source: 'arrival',
        },
      ],
    },
  };
}
