/** A page of three people as the People query answers, for component tests. */
function person(n: number, status = 'SUBMITTED') {
  return {
    __typename: 'Person',
    id: `p${n}`,
    givenName: `Given${n}`,
    familyName: 'Hansen',
    function: 'Athlete',
    organisation: { __typename: 'Organisation', id: 'o1', code: 'NOC-NOR', name: 'Norway' },
    accreditation: {
      __typename: 'Accreditation',
      id: `a${n}`,
      cardNumber: String(10000000 + n),
      category: 'Aa',
      status,
    },
    closedLoop: { __typename: 'ClosedLoopState', status: 'OUTSIDE', testDueBy: null },
  };
}

export const people = (status = 'SUBMITTED') => ({
  data: {
    people: {
      __typename: 'PersonConnection',
      totalCount: 3,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: '3' },
      nodes: [1, 2, 3].map((n) => person(n, status)),
    },
  },
});
