/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Organisations {\n    organisations {\n      id\n      code\n      name\n      type\n      country\n    }\n  }\n": typeof types.OrganisationsDocument,
    "\n  query People($filter: PeopleFilter, $first: Int, $after: String) {\n    people(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        givenName\n        familyName\n        function\n        organisation {\n          id\n          code\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n          category\n          status\n        }\n        closedLoop {\n          status\n          testDueBy\n        }\n      }\n    }\n  }\n": typeof types.PeopleDocument,
    "\n  query Person($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      nationality\n      function\n      documentNumber\n      photo {\n        url\n        width\n        height\n        takenAt\n      }\n      organisation {\n        id\n        code\n        name\n      }\n      accreditation {\n        id\n        cardNumber\n        category\n        status\n        validFrom\n        validUntil\n        venues\n        zones\n        cardToken\n        cardPdfUrl\n        history {\n          status\n          reason\n          at\n          by\n          changes {\n            field\n            from\n            to\n          }\n        }\n      }\n      closedLoop {\n        status\n        enteredAt\n        lastNegativeTestAt\n        testDueBy\n        closeContactUntil\n      }\n      movements(first: 100) {\n        totalCount\n        nodes {\n          id\n          location\n          kind\n          occurredAt\n          source\n        }\n      }\n    }\n  }\n": typeof types.PersonDocument,
    "\n  mutation RegisterPerson($input: RegisterPersonInput!) {\n    registerPerson(input: $input) {\n      id\n      givenName\n      familyName\n      accreditation {\n        id\n        cardNumber\n        status\n      }\n    }\n  }\n": typeof types.RegisterPersonDocument,
    "\n  query AccreditationCategories {\n    accreditationCategories {\n      code\n      name\n    }\n  }\n": typeof types.AccreditationCategoriesDocument,
    "\n  mutation UpdatePerson($input: UpdatePersonInput!) {\n    updatePerson(input: $input) {\n      person {\n        id\n        givenName\n        familyName\n      }\n      changes {\n        field\n        from\n        to\n      }\n      cardReissued\n    }\n  }\n": typeof types.UpdatePersonDocument,
    "\n  mutation CreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      id\n      code\n      name\n      type\n      country\n    }\n  }\n": typeof types.CreateOrganisationDocument,
    "\n  mutation ImportPeople($input: ImportPeopleInput!) {\n    importPeople(input: $input) {\n      created\n      dryRun\n      errors {\n        line\n        field\n        message\n      }\n    }\n  }\n": typeof types.ImportPeopleDocument,
    "\n  mutation ApproveAccreditation($id: ID!) {\n    approveAccreditation(id: $id) {\n      id\n      status\n      cardToken\n    }\n  }\n": typeof types.ApproveAccreditationDocument,
    "\n  mutation SuspendAccreditation($id: ID!, $reason: String!) {\n    suspendAccreditation(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.SuspendAccreditationDocument,
    "\n  mutation ReinstateAccreditation($id: ID!) {\n    reinstateAccreditation(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ReinstateAccreditationDocument,
    "\n  mutation RevokeAccreditation($id: ID!, $reason: String!) {\n    revokeAccreditation(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.RevokeAccreditationDocument,
    "\n  mutation SuspendAccreditations($ids: [ID!]!, $reason: String!) {\n    suspendAccreditations(ids: $ids, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.SuspendAccreditationsDocument,
    "\n  mutation ReissueCard($id: ID!) {\n    reissueCard(id: $id) {\n      id\n      status\n      cardToken\n    }\n  }\n": typeof types.ReissueCardDocument,
    "\n  mutation SetPersonPhoto($personId: ID!, $imageBase64: String!) {\n    setPersonPhoto(personId: $personId, imageBase64: $imageBase64) {\n      id\n      photo {\n        url\n        width\n        height\n        takenAt\n      }\n    }\n  }\n": typeof types.SetPersonPhotoDocument,
    "\n  mutation ApproveAccreditations($ids: [ID!]!) {\n    approveAccreditations(ids: $ids) {\n      id\n      status\n      cardToken\n    }\n  }\n": typeof types.ApproveAccreditationsDocument,
    "\n  query CardsPdfUrl($ids: [ID!]!) {\n    cardsPdfUrl(accreditationIds: $ids)\n  }\n": typeof types.CardsPdfUrlDocument,
    "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      nodes {\n        id\n        email\n        roles\n        disabled\n        organisation {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      roles\n      disabled\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation DisableUser($id: ID!) {\n    disableUser(id: $id) {\n      id\n      email\n      disabled\n    }\n  }\n": typeof types.DisableUserDocument,
    "\n  mutation EnableUser($id: ID!) {\n    enableUser(id: $id) {\n      id\n      email\n      disabled\n    }\n  }\n": typeof types.EnableUserDocument,
    "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      scopes\n      createdAt\n      revokedAt\n      organisation {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n        scopes\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      name\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  mutation CreateInspectionArea($input: CreateInspectionAreaInput!) {\n    createInspectionArea(input: $input) {\n      id\n      code\n      name\n      kind\n      venueCode\n      zone\n      closedLoop\n      occupancy\n    }\n  }\n": typeof types.CreateInspectionAreaDocument,
    "\n  query AuditTrail(\n    $personId: ID\n    $actor: String\n    $from: DateTime\n    $to: DateTime\n    $first: Int\n    $after: String\n  ) {\n    auditTrail(\n      personId: $personId\n      actor: $actor\n      from: $from\n      to: $to\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        at\n        actor\n        action\n        personId\n        outcome\n        clientAddress\n        service\n      }\n    }\n  }\n": typeof types.AuditTrailDocument,
    "\n  query VenueCatalogue {\n    venues {\n      code\n      name\n      zones\n    }\n  }\n": typeof types.VenueCatalogueDocument,
    "\n  mutation UpsertVenue($input: VenueInput!) {\n    upsertVenue(input: $input) {\n      code\n      name\n      zones\n    }\n  }\n": typeof types.UpsertVenueDocument,
    "\n  mutation ProcessArrival($input: ArrivalInput!) {\n    processArrival(input: $input) {\n      id\n      decision\n      reasons\n      arrivedAt\n      replayed\n      alreadyArrivedAt\n      person {\n        id\n        givenName\n        familyName\n        photo {\n          url\n        }\n        organisation {\n          id\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n          category\n          status\n        }\n      }\n    }\n  }\n": typeof types.ProcessArrivalDocument,
    "\n  mutation ProcessDeparture($input: DepartureInput!) {\n    processDeparture(input: $input) {\n      status\n      enteredAt\n    }\n  }\n": typeof types.ProcessDepartureDocument,
    "\n  query DepartingPerson($cardNumber: String!) {\n    personByCard(cardNumber: $cardNumber) {\n      id\n      givenName\n      familyName\n      organisation {\n        id\n        name\n      }\n      closedLoop {\n        status\n      }\n    }\n  }\n": typeof types.DepartingPersonDocument,
    "\n  query DeniedScans(\n    $areaCode: String\n    $from: DateTime\n    $to: DateTime\n    $first: Int\n    $after: String\n  ) {\n    checkIns(\n      decision: DENIED\n      areaCode: $areaCode\n      from: $from\n      to: $to\n      first: $first\n      after: $after\n    ) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        scannedAt\n        direction\n        reasons\n        deviceId\n        area {\n          code\n        }\n        person {\n          id\n          givenName\n          familyName\n          organisation {\n            id\n            name\n          }\n          accreditation {\n            id\n            cardNumber\n          }\n        }\n        annulment {\n          at\n        }\n      }\n    }\n  }\n": typeof types.DeniedScansDocument,
    "\n  query InspectionAreas {\n    inspectionAreas {\n      id\n      code\n      name\n      kind\n      venueCode\n      zone\n      closedLoop\n      occupancy\n    }\n  }\n": typeof types.InspectionAreasDocument,
    "\n  query VerificationKeys {\n    cardVerificationKeys\n    venues {\n      code\n      position\n      zones\n      zonePositions\n    }\n  }\n": typeof types.VerificationKeysDocument,
    "\n  query DenyList {\n    cardDenyList {\n      cardNumber\n      status\n      tokenVersion\n      reasons\n      testDueBy\n    }\n  }\n": typeof types.DenyListDocument,
    "\n  mutation CheckIn($input: CheckInInput!) {\n    checkIn(input: $input) {\n      id\n      direction\n      decision\n      reasons\n      scannedAt\n      replayed\n      area {\n        code\n        name\n      }\n      person {\n        id\n        givenName\n        familyName\n        photo {\n          url\n        }\n        organisation {\n          id\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n          category\n        }\n      }\n    }\n  }\n": typeof types.CheckInDocument,
    "\n  mutation SubmitCheckIns($input: [CheckInInput!]!) {\n    submitCheckIns(input: $input) {\n      id\n      decision\n      deviceDecision\n      conflict\n      reasons\n      scannedAt\n      area {\n        code\n      }\n      person {\n        id\n        givenName\n        familyName\n        accreditation {\n          id\n          cardNumber\n        }\n      }\n    }\n  }\n": typeof types.SubmitCheckInsDocument,
    "\n  query Conflicts($areaCode: String, $first: Int, $after: String) {\n    checkIns(conflict: true, areaCode: $areaCode, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        direction\n        decision\n        deviceDecision\n        reasons\n        scannedAt\n        recordedAt\n        deviceId\n        area {\n          code\n          name\n        }\n        person {\n          id\n          givenName\n          familyName\n          accreditation {\n            id\n            cardNumber\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConflictsDocument,
    "\n  mutation AnnulCheckIn($id: ID!, $reason: String!) {\n    annulCheckIn(id: $id, reason: $reason) {\n      id\n      decision\n      annulment {\n        at\n        by\n        reason\n      }\n    }\n  }\n": typeof types.AnnulCheckInDocument,
    "\n  mutation RecordTestResult($input: TestResultInput!) {\n    recordTestResult(input: $input) {\n      status\n      lastNegativeTestAt\n      testDueBy\n      stateChanged\n    }\n  }\n": typeof types.RecordTestResultDocument,
    "\n  mutation ReleaseFromIsolation($personId: ID!, $reason: String!) {\n    releaseFromIsolation(personId: $personId, reason: $reason) {\n      status\n    }\n  }\n": typeof types.ReleaseFromIsolationDocument,
    "\n  query TestsDue($before: DateTime!, $first: Int, $after: String) {\n    testsDue(before: $before, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        givenName\n        familyName\n        organisation {\n          id\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n        }\n        closedLoop {\n          status\n          testDueBy\n        }\n      }\n    }\n  }\n": typeof types.TestsDueDocument,
    "\n  query DenialCount($areaCode: String!, $from: DateTime!) {\n    checkIns(areaCode: $areaCode, decision: DENIED, from: $from, first: 1) {\n      totalCount\n    }\n  }\n": typeof types.DenialCountDocument,
    "\n  subscription CheckInRecorded {\n    checkInRecorded {\n      id\n      direction\n      decision\n      deviceDecision\n      conflict\n      reasons\n      scannedAt\n      recordedAt\n      area {\n        code\n        name\n      }\n      person {\n        id\n        givenName\n        familyName\n        organisation {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.CheckInRecordedDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        roles\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      roles\n      preferredLanguage\n      organisation {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation SetPreferredLanguage($language: Language!) {\n    setPreferredLanguage(language: $language) {\n      id\n      preferredLanguage\n    }\n  }\n": typeof types.SetPreferredLanguageDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Trace($personId: ID!, $from: DateTime!, $to: DateTime!, $minMinutes: Int, $first: Int) {\n    stays(personId: $personId, from: $from, to: $to) {\n      location\n      from\n      until\n    }\n    contacts(personId: $personId, from: $from, to: $to, minMinutes: $minMinutes, first: $first) {\n      totalMinutes\n      person {\n        id\n        givenName\n        familyName\n        organisation {\n          id\n          name\n        }\n        closedLoop {\n          status\n        }\n      }\n      encounters {\n        location\n        from\n        until\n        minutes\n      }\n    }\n  }\n": typeof types.TraceDocument,
    "\n  mutation DesignateCloseContacts(\n    $personId: ID!\n    $from: DateTime!\n    $to: DateTime!\n    $minMinutes: Int\n    $personIds: [ID!]\n  ) {\n    designateCloseContacts(\n      personId: $personId\n      from: $from\n      to: $to\n      minMinutes: $minMinutes\n      personIds: $personIds\n    ) {\n      totalMinutes\n      person {\n        id\n        givenName\n        familyName\n        closedLoop {\n          status\n          closeContactUntil\n          testDueBy\n        }\n      }\n    }\n  }\n": typeof types.DesignateCloseContactsDocument,
};
const documents: Documents = {
    "\n  query Organisations {\n    organisations {\n      id\n      code\n      name\n      type\n      country\n    }\n  }\n": types.OrganisationsDocument,
    "\n  query People($filter: PeopleFilter, $first: Int, $after: String) {\n    people(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        givenName\n        familyName\n        function\n        organisation {\n          id\n          code\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n          category\n          status\n        }\n        closedLoop {\n          status\n          testDueBy\n        }\n      }\n    }\n  }\n": types.PeopleDocument,
    "\n  query Person($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      nationality\n      function\n      documentNumber\n      photo {\n        url\n        width\n        height\n        takenAt\n      }\n      organisation {\n        id\n        code\n        name\n      }\n      accreditation {\n        id\n        cardNumber\n        category\n        status\n        validFrom\n        validUntil\n        venues\n        zones\n        cardToken\n        cardPdfUrl\n        history {\n          status\n          reason\n          at\n          by\n          changes {\n            field\n            from\n            to\n          }\n        }\n      }\n      closedLoop {\n        status\n        enteredAt\n        lastNegativeTestAt\n        testDueBy\n        closeContactUntil\n      }\n      movements(first: 100) {\n        totalCount\n        nodes {\n          id\n          location\n          kind\n          occurredAt\n          source\n        }\n      }\n    }\n  }\n": types.PersonDocument,
    "\n  mutation RegisterPerson($input: RegisterPersonInput!) {\n    registerPerson(input: $input) {\n      id\n      givenName\n      familyName\n      accreditation {\n        id\n        cardNumber\n        status\n      }\n    }\n  }\n": types.RegisterPersonDocument,
    "\n  query AccreditationCategories {\n    accreditationCategories {\n      code\n      name\n    }\n  }\n": types.AccreditationCategoriesDocument,
    "\n  mutation UpdatePerson($input: UpdatePersonInput!) {\n    updatePerson(input: $input) {\n      person {\n        id\n        givenName\n        familyName\n      }\n      changes {\n        field\n        from\n        to\n      }\n      cardReissued\n    }\n  }\n": types.UpdatePersonDocument,
    "\n  mutation CreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      id\n      code\n      name\n      type\n      country\n    }\n  }\n": types.CreateOrganisationDocument,
    "\n  mutation ImportPeople($input: ImportPeopleInput!) {\n    importPeople(input: $input) {\n      created\n      dryRun\n      errors {\n        line\n        field\n        message\n      }\n    }\n  }\n": types.ImportPeopleDocument,
    "\n  mutation ApproveAccreditation($id: ID!) {\n    approveAccreditation(id: $id) {\n      id\n      status\n      cardToken\n    }\n  }\n": types.ApproveAccreditationDocument,
    "\n  mutation SuspendAccreditation($id: ID!, $reason: String!) {\n    suspendAccreditation(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.SuspendAccreditationDocument,
    "\n  mutation ReinstateAccreditation($id: ID!) {\n    reinstateAccreditation(id: $id) {\n      id\n      status\n    }\n  }\n": types.ReinstateAccreditationDocument,
    "\n  mutation RevokeAccreditation($id: ID!, $reason: String!) {\n    revokeAccreditation(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.RevokeAccreditationDocument,
    "\n  mutation SuspendAccreditations($ids: [ID!]!, $reason: String!) {\n    suspendAccreditations(ids: $ids, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.SuspendAccreditationsDocument,
    "\n  mutation ReissueCard($id: ID!) {\n    reissueCard(id: $id) {\n      id\n      status\n      cardToken\n    }\n  }\n": types.ReissueCardDocument,
    "\n  mutation SetPersonPhoto($personId: ID!, $imageBase64: String!) {\n    setPersonPhoto(personId: $personId, imageBase64: $imageBase64) {\n      id\n      photo {\n        url\n        width\n        height\n        takenAt\n      }\n    }\n  }\n": types.SetPersonPhotoDocument,
    "\n  mutation ApproveAccreditations($ids: [ID!]!) {\n    approveAccreditations(ids: $ids) {\n      id\n      status\n      cardToken\n    }\n  }\n": types.ApproveAccreditationsDocument,
    "\n  query CardsPdfUrl($ids: [ID!]!) {\n    cardsPdfUrl(accreditationIds: $ids)\n  }\n": types.CardsPdfUrlDocument,
    "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      nodes {\n        id\n        email\n        roles\n        disabled\n        organisation {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      roles\n      disabled\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation DisableUser($id: ID!) {\n    disableUser(id: $id) {\n      id\n      email\n      disabled\n    }\n  }\n": types.DisableUserDocument,
    "\n  mutation EnableUser($id: ID!) {\n    enableUser(id: $id) {\n      id\n      email\n      disabled\n    }\n  }\n": types.EnableUserDocument,
    "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      scopes\n      createdAt\n      revokedAt\n      organisation {\n        id\n        name\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n        scopes\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      name\n      revokedAt\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  mutation CreateInspectionArea($input: CreateInspectionAreaInput!) {\n    createInspectionArea(input: $input) {\n      id\n      code\n      name\n      kind\n      venueCode\n      zone\n      closedLoop\n      occupancy\n    }\n  }\n": types.CreateInspectionAreaDocument,
    "\n  query AuditTrail(\n    $personId: ID\n    $actor: String\n    $from: DateTime\n    $to: DateTime\n    $first: Int\n    $after: String\n  ) {\n    auditTrail(\n      personId: $personId\n      actor: $actor\n      from: $from\n      to: $to\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        at\n        actor\n        action\n        personId\n        outcome\n        clientAddress\n        service\n      }\n    }\n  }\n": types.AuditTrailDocument,
    "\n  query VenueCatalogue {\n    venues {\n      code\n      name\n      zones\n    }\n  }\n": types.VenueCatalogueDocument,
    "\n  mutation UpsertVenue($input: VenueInput!) {\n    upsertVenue(input: $input) {\n      code\n      name\n      zones\n    }\n  }\n": types.UpsertVenueDocument,
    "\n  mutation ProcessArrival($input: ArrivalInput!) {\n    processArrival(input: $input) {\n      id\n      decision\n      reasons\n      arrivedAt\n      replayed\n      alreadyArrivedAt\n      person {\n        id\n        givenName\n        familyName\n        photo {\n          url\n        }\n        organisation {\n          id\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n          category\n          status\n        }\n      }\n    }\n  }\n": types.ProcessArrivalDocument,
    "\n  mutation ProcessDeparture($input: DepartureInput!) {\n    processDeparture(input: $input) {\n      status\n      enteredAt\n    }\n  }\n": types.ProcessDepartureDocument,
    "\n  query DepartingPerson($cardNumber: String!) {\n    personByCard(cardNumber: $cardNumber) {\n      id\n      givenName\n      familyName\n      organisation {\n        id\n        name\n      }\n      closedLoop {\n        status\n      }\n    }\n  }\n": types.DepartingPersonDocument,
    "\n  query DeniedScans(\n    $areaCode: String\n    $from: DateTime\n    $to: DateTime\n    $first: Int\n    $after: String\n  ) {\n    checkIns(\n      decision: DENIED\n      areaCode: $areaCode\n      from: $from\n      to: $to\n      first: $first\n      after: $after\n    ) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        scannedAt\n        direction\n        reasons\n        deviceId\n        area {\n          code\n        }\n        person {\n          id\n          givenName\n          familyName\n          organisation {\n            id\n            name\n          }\n          accreditation {\n            id\n            cardNumber\n          }\n        }\n        annulment {\n          at\n        }\n      }\n    }\n  }\n": types.DeniedScansDocument,
    "\n  query InspectionAreas {\n    inspectionAreas {\n      id\n      code\n      name\n      kind\n      venueCode\n      zone\n      closedLoop\n      occupancy\n    }\n  }\n": types.InspectionAreasDocument,
    "\n  query VerificationKeys {\n    cardVerificationKeys\n    venues {\n      code\n      position\n      zones\n      zonePositions\n    }\n  }\n": types.VerificationKeysDocument,
    "\n  query DenyList {\n    cardDenyList {\n      cardNumber\n      status\n      tokenVersion\n      reasons\n      testDueBy\n    }\n  }\n": types.DenyListDocument,
    "\n  mutation CheckIn($input: CheckInInput!) {\n    checkIn(input: $input) {\n      id\n      direction\n      decision\n      reasons\n      scannedAt\n      replayed\n      area {\n        code\n        name\n      }\n      person {\n        id\n        givenName\n        familyName\n        photo {\n          url\n        }\n        organisation {\n          id\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n          category\n        }\n      }\n    }\n  }\n": types.CheckInDocument,
    "\n  mutation SubmitCheckIns($input: [CheckInInput!]!) {\n    submitCheckIns(input: $input) {\n      id\n      decision\n      deviceDecision\n      conflict\n      reasons\n      scannedAt\n      area {\n        code\n      }\n      person {\n        id\n        givenName\n        familyName\n        accreditation {\n          id\n          cardNumber\n        }\n      }\n    }\n  }\n": types.SubmitCheckInsDocument,
    "\n  query Conflicts($areaCode: String, $first: Int, $after: String) {\n    checkIns(conflict: true, areaCode: $areaCode, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        direction\n        decision\n        deviceDecision\n        reasons\n        scannedAt\n        recordedAt\n        deviceId\n        area {\n          code\n          name\n        }\n        person {\n          id\n          givenName\n          familyName\n          accreditation {\n            id\n            cardNumber\n          }\n        }\n      }\n    }\n  }\n": types.ConflictsDocument,
    "\n  mutation AnnulCheckIn($id: ID!, $reason: String!) {\n    annulCheckIn(id: $id, reason: $reason) {\n      id\n      decision\n      annulment {\n        at\n        by\n        reason\n      }\n    }\n  }\n": types.AnnulCheckInDocument,
    "\n  mutation RecordTestResult($input: TestResultInput!) {\n    recordTestResult(input: $input) {\n      status\n      lastNegativeTestAt\n      testDueBy\n      stateChanged\n    }\n  }\n": types.RecordTestResultDocument,
    "\n  mutation ReleaseFromIsolation($personId: ID!, $reason: String!) {\n    releaseFromIsolation(personId: $personId, reason: $reason) {\n      status\n    }\n  }\n": types.ReleaseFromIsolationDocument,
    "\n  query TestsDue($before: DateTime!, $first: Int, $after: String) {\n    testsDue(before: $before, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        givenName\n        familyName\n        organisation {\n          id\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n        }\n        closedLoop {\n          status\n          testDueBy\n        }\n      }\n    }\n  }\n": types.TestsDueDocument,
    "\n  query DenialCount($areaCode: String!, $from: DateTime!) {\n    checkIns(areaCode: $areaCode, decision: DENIED, from: $from, first: 1) {\n      totalCount\n    }\n  }\n": types.DenialCountDocument,
    "\n  subscription CheckInRecorded {\n    checkInRecorded {\n      id\n      direction\n      decision\n      deviceDecision\n      conflict\n      reasons\n      scannedAt\n      recordedAt\n      area {\n        code\n        name\n      }\n      person {\n        id\n        givenName\n        familyName\n        organisation {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.CheckInRecordedDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        roles\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  query Me {\n    me {\n      id\n      email\n      roles\n      preferredLanguage\n      organisation {\n        id\n        name\n      }\n    }\n  }\n": types.MeDocument,
    "\n  mutation SetPreferredLanguage($language: Language!) {\n    setPreferredLanguage(language: $language) {\n      id\n      preferredLanguage\n    }\n  }\n": types.SetPreferredLanguageDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Trace($personId: ID!, $from: DateTime!, $to: DateTime!, $minMinutes: Int, $first: Int) {\n    stays(personId: $personId, from: $from, to: $to) {\n      location\n      from\n      until\n    }\n    contacts(personId: $personId, from: $from, to: $to, minMinutes: $minMinutes, first: $first) {\n      totalMinutes\n      person {\n        id\n        givenName\n        familyName\n        organisation {\n          id\n          name\n        }\n        closedLoop {\n          status\n        }\n      }\n      encounters {\n        location\n        from\n        until\n        minutes\n      }\n    }\n  }\n": types.TraceDocument,
    "\n  mutation DesignateCloseContacts(\n    $personId: ID!\n    $from: DateTime!\n    $to: DateTime!\n    $minMinutes: Int\n    $personIds: [ID!]\n  ) {\n    designateCloseContacts(\n      personId: $personId\n      from: $from\n      to: $to\n      minMinutes: $minMinutes\n      personIds: $personIds\n    ) {\n      totalMinutes\n      person {\n        id\n        givenName\n        familyName\n        closedLoop {\n          status\n          closeContactUntil\n          testDueBy\n        }\n      }\n    }\n  }\n": types.DesignateCloseContactsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Organisations {\n    organisations {\n      id\n      code\n      name\n      type\n      country\n    }\n  }\n"): (typeof documents)["\n  query Organisations {\n    organisations {\n      id\n      code\n      name\n      type\n      country\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query People($filter: PeopleFilter, $first: Int, $after: String) {\n    people(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        givenName\n        familyName\n        function\n        organisation {\n          id\n          code\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n          category\n          status\n        }\n        closedLoop {\n          status\n          testDueBy\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query People($filter: PeopleFilter, $first: Int, $after: String) {\n    people(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        givenName\n        familyName\n        function\n        organisation {\n          id\n          code\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n          category\n          status\n        }\n        closedLoop {\n          status\n          testDueBy\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Person($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      nationality\n      function\n      documentNumber\n      photo {\n        url\n        width\n        height\n        takenAt\n      }\n      organisation {\n        id\n        code\n        name\n      }\n      accreditation {\n        id\n        cardNumber\n        category\n        status\n        validFrom\n        validUntil\n        venues\n        zones\n        cardToken\n        cardPdfUrl\n        history {\n          status\n          reason\n          at\n          by\n          changes {\n            field\n            from\n            to\n          }\n        }\n      }\n      closedLoop {\n        status\n        enteredAt\n        lastNegativeTestAt\n        testDueBy\n        closeContactUntil\n      }\n      movements(first: 100) {\n        totalCount\n        nodes {\n          id\n          location\n          kind\n          occurredAt\n          source\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Person($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      nationality\n      function\n      documentNumber\n      photo {\n        url\n        width\n        height\n        takenAt\n      }\n      organisation {\n        id\n        code\n        name\n      }\n      accreditation {\n        id\n        cardNumber\n        category\n        status\n        validFrom\n        validUntil\n        venues\n        zones\n        cardToken\n        cardPdfUrl\n        history {\n          status\n          reason\n          at\n          by\n          changes {\n            field\n            from\n            to\n          }\n        }\n      }\n      closedLoop {\n        status\n        enteredAt\n        lastNegativeTestAt\n        testDueBy\n        closeContactUntil\n      }\n      movements(first: 100) {\n        totalCount\n        nodes {\n          id\n          location\n          kind\n          occurredAt\n          source\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterPerson($input: RegisterPersonInput!) {\n    registerPerson(input: $input) {\n      id\n      givenName\n      familyName\n      accreditation {\n        id\n        cardNumber\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterPerson($input: RegisterPersonInput!) {\n    registerPerson(input: $input) {\n      id\n      givenName\n      familyName\n      accreditation {\n        id\n        cardNumber\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccreditationCategories {\n    accreditationCategories {\n      code\n      name\n    }\n  }\n"): (typeof documents)["\n  query AccreditationCategories {\n    accreditationCategories {\n      code\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePerson($input: UpdatePersonInput!) {\n    updatePerson(input: $input) {\n      person {\n        id\n        givenName\n        familyName\n      }\n      changes {\n        field\n        from\n        to\n      }\n      cardReissued\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePerson($input: UpdatePersonInput!) {\n    updatePerson(input: $input) {\n      person {\n        id\n        givenName\n        familyName\n      }\n      changes {\n        field\n        from\n        to\n      }\n      cardReissued\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      id\n      code\n      name\n      type\n      country\n    }\n  }\n"): (typeof documents)["\n  mutation CreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      id\n      code\n      name\n      type\n      country\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportPeople($input: ImportPeopleInput!) {\n    importPeople(input: $input) {\n      created\n      dryRun\n      errors {\n        line\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportPeople($input: ImportPeopleInput!) {\n    importPeople(input: $input) {\n      created\n      dryRun\n      errors {\n        line\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveAccreditation($id: ID!) {\n    approveAccreditation(id: $id) {\n      id\n      status\n      cardToken\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveAccreditation($id: ID!) {\n    approveAccreditation(id: $id) {\n      id\n      status\n      cardToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuspendAccreditation($id: ID!, $reason: String!) {\n    suspendAccreditation(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SuspendAccreditation($id: ID!, $reason: String!) {\n    suspendAccreditation(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReinstateAccreditation($id: ID!) {\n    reinstateAccreditation(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ReinstateAccreditation($id: ID!) {\n    reinstateAccreditation(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeAccreditation($id: ID!, $reason: String!) {\n    revokeAccreditation(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeAccreditation($id: ID!, $reason: String!) {\n    revokeAccreditation(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuspendAccreditations($ids: [ID!]!, $reason: String!) {\n    suspendAccreditations(ids: $ids, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation SuspendAccreditations($ids: [ID!]!, $reason: String!) {\n    suspendAccreditations(ids: $ids, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReissueCard($id: ID!) {\n    reissueCard(id: $id) {\n      id\n      status\n      cardToken\n    }\n  }\n"): (typeof documents)["\n  mutation ReissueCard($id: ID!) {\n    reissueCard(id: $id) {\n      id\n      status\n      cardToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPersonPhoto($personId: ID!, $imageBase64: String!) {\n    setPersonPhoto(personId: $personId, imageBase64: $imageBase64) {\n      id\n      photo {\n        url\n        width\n        height\n        takenAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetPersonPhoto($personId: ID!, $imageBase64: String!) {\n    setPersonPhoto(personId: $personId, imageBase64: $imageBase64) {\n      id\n      photo {\n        url\n        width\n        height\n        takenAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveAccreditations($ids: [ID!]!) {\n    approveAccreditations(ids: $ids) {\n      id\n      status\n      cardToken\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveAccreditations($ids: [ID!]!) {\n    approveAccreditations(ids: $ids) {\n      id\n      status\n      cardToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CardsPdfUrl($ids: [ID!]!) {\n    cardsPdfUrl(accreditationIds: $ids)\n  }\n"): (typeof documents)["\n  query CardsPdfUrl($ids: [ID!]!) {\n    cardsPdfUrl(accreditationIds: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      nodes {\n        id\n        email\n        roles\n        disabled\n        organisation {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Users($first: Int, $after: String) {\n    users(first: $first, after: $after) {\n      totalCount\n      nodes {\n        id\n        email\n        roles\n        disabled\n        organisation {\n          id\n          name\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      roles\n      disabled\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      email\n      roles\n      disabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableUser($id: ID!) {\n    disableUser(id: $id) {\n      id\n      email\n      disabled\n    }\n  }\n"): (typeof documents)["\n  mutation DisableUser($id: ID!) {\n    disableUser(id: $id) {\n      id\n      email\n      disabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableUser($id: ID!) {\n    enableUser(id: $id) {\n      id\n      email\n      disabled\n    }\n  }\n"): (typeof documents)["\n  mutation EnableUser($id: ID!) {\n    enableUser(id: $id) {\n      id\n      email\n      disabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      scopes\n      createdAt\n      revokedAt\n      organisation {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys {\n    apiKeys {\n      id\n      name\n      scopes\n      createdAt\n      revokedAt\n      organisation {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n        scopes\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        name\n        scopes\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      name\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      name\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateInspectionArea($input: CreateInspectionAreaInput!) {\n    createInspectionArea(input: $input) {\n      id\n      code\n      name\n      kind\n      venueCode\n      zone\n      closedLoop\n      occupancy\n    }\n  }\n"): (typeof documents)["\n  mutation CreateInspectionArea($input: CreateInspectionAreaInput!) {\n    createInspectionArea(input: $input) {\n      id\n      code\n      name\n      kind\n      venueCode\n      zone\n      closedLoop\n      occupancy\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrail(\n    $personId: ID\n    $actor: String\n    $from: DateTime\n    $to: DateTime\n    $first: Int\n    $after: String\n  ) {\n    auditTrail(\n      personId: $personId\n      actor: $actor\n      from: $from\n      to: $to\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        at\n        actor\n        action\n        personId\n        outcome\n        clientAddress\n        service\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditTrail(\n    $personId: ID\n    $actor: String\n    $from: DateTime\n    $to: DateTime\n    $first: Int\n    $after: String\n  ) {\n    auditTrail(\n      personId: $personId\n      actor: $actor\n      from: $from\n      to: $to\n      first: $first\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        at\n        actor\n        action\n        personId\n        outcome\n        clientAddress\n        service\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VenueCatalogue {\n    venues {\n      code\n      name\n      zones\n    }\n  }\n"): (typeof documents)["\n  query VenueCatalogue {\n    venues {\n      code\n      name\n      zones\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpsertVenue($input: VenueInput!) {\n    upsertVenue(input: $input) {\n      code\n      name\n      zones\n    }\n  }\n"): (typeof documents)["\n  mutation UpsertVenue($input: VenueInput!) {\n    upsertVenue(input: $input) {\n      code\n      name\n      zones\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProcessArrival($input: ArrivalInput!) {\n    processArrival(input: $input) {\n      id\n      decision\n      reasons\n      arrivedAt\n      replayed\n      alreadyArrivedAt\n      person {\n        id\n        givenName\n        familyName\n        photo {\n          url\n        }\n        organisation {\n          id\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n          category\n          status\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ProcessArrival($input: ArrivalInput!) {\n    processArrival(input: $input) {\n      id\n      decision\n      reasons\n      arrivedAt\n      replayed\n      alreadyArrivedAt\n      person {\n        id\n        givenName\n        familyName\n        photo {\n          url\n        }\n        organisation {\n          id\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n          category\n          status\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProcessDeparture($input: DepartureInput!) {\n    processDeparture(input: $input) {\n      status\n      enteredAt\n    }\n  }\n"): (typeof documents)["\n  mutation ProcessDeparture($input: DepartureInput!) {\n    processDeparture(input: $input) {\n      status\n      enteredAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DepartingPerson($cardNumber: String!) {\n    personByCard(cardNumber: $cardNumber) {\n      id\n      givenName\n      familyName\n      organisation {\n        id\n        name\n      }\n      closedLoop {\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query DepartingPerson($cardNumber: String!) {\n    personByCard(cardNumber: $cardNumber) {\n      id\n      givenName\n      familyName\n      organisation {\n        id\n        name\n      }\n      closedLoop {\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeniedScans(\n    $areaCode: String\n    $from: DateTime\n    $to: DateTime\n    $first: Int\n    $after: String\n  ) {\n    checkIns(\n      decision: DENIED\n      areaCode: $areaCode\n      from: $from\n      to: $to\n      first: $first\n      after: $after\n    ) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        scannedAt\n        direction\n        reasons\n        deviceId\n        area {\n          code\n        }\n        person {\n          id\n          givenName\n          familyName\n          organisation {\n            id\n            name\n          }\n          accreditation {\n            id\n            cardNumber\n          }\n        }\n        annulment {\n          at\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeniedScans(\n    $areaCode: String\n    $from: DateTime\n    $to: DateTime\n    $first: Int\n    $after: String\n  ) {\n    checkIns(\n      decision: DENIED\n      areaCode: $areaCode\n      from: $from\n      to: $to\n      first: $first\n      after: $after\n    ) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        scannedAt\n        direction\n        reasons\n        deviceId\n        area {\n          code\n        }\n        person {\n          id\n          givenName\n          familyName\n          organisation {\n            id\n            name\n          }\n          accreditation {\n            id\n            cardNumber\n          }\n        }\n        annulment {\n          at\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InspectionAreas {\n    inspectionAreas {\n      id\n      code\n      name\n      kind\n      venueCode\n      zone\n      closedLoop\n      occupancy\n    }\n  }\n"): (typeof documents)["\n  query InspectionAreas {\n    inspectionAreas {\n      id\n      code\n      name\n      kind\n      venueCode\n      zone\n      closedLoop\n      occupancy\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerificationKeys {\n    cardVerificationKeys\n    venues {\n      code\n      position\n      zones\n      zonePositions\n    }\n  }\n"): (typeof documents)["\n  query VerificationKeys {\n    cardVerificationKeys\n    venues {\n      code\n      position\n      zones\n      zonePositions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DenyList {\n    cardDenyList {\n      cardNumber\n      status\n      tokenVersion\n      reasons\n      testDueBy\n    }\n  }\n"): (typeof documents)["\n  query DenyList {\n    cardDenyList {\n      cardNumber\n      status\n      tokenVersion\n      reasons\n      testDueBy\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckIn($input: CheckInInput!) {\n    checkIn(input: $input) {\n      id\n      direction\n      decision\n      reasons\n      scannedAt\n      replayed\n      area {\n        code\n        name\n      }\n      person {\n        id\n        givenName\n        familyName\n        photo {\n          url\n        }\n        organisation {\n          id\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n          category\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CheckIn($input: CheckInInput!) {\n    checkIn(input: $input) {\n      id\n      direction\n      decision\n      reasons\n      scannedAt\n      replayed\n      area {\n        code\n        name\n      }\n      person {\n        id\n        givenName\n        familyName\n        photo {\n          url\n        }\n        organisation {\n          id\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n          category\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitCheckIns($input: [CheckInInput!]!) {\n    submitCheckIns(input: $input) {\n      id\n      decision\n      deviceDecision\n      conflict\n      reasons\n      scannedAt\n      area {\n        code\n      }\n      person {\n        id\n        givenName\n        familyName\n        accreditation {\n          id\n          cardNumber\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitCheckIns($input: [CheckInInput!]!) {\n    submitCheckIns(input: $input) {\n      id\n      decision\n      deviceDecision\n      conflict\n      reasons\n      scannedAt\n      area {\n        code\n      }\n      person {\n        id\n        givenName\n        familyName\n        accreditation {\n          id\n          cardNumber\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conflicts($areaCode: String, $first: Int, $after: String) {\n    checkIns(conflict: true, areaCode: $areaCode, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        direction\n        decision\n        deviceDecision\n        reasons\n        scannedAt\n        recordedAt\n        deviceId\n        area {\n          code\n          name\n        }\n        person {\n          id\n          givenName\n          familyName\n          accreditation {\n            id\n            cardNumber\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conflicts($areaCode: String, $first: Int, $after: String) {\n    checkIns(conflict: true, areaCode: $areaCode, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        direction\n        decision\n        deviceDecision\n        reasons\n        scannedAt\n        recordedAt\n        deviceId\n        area {\n          code\n          name\n        }\n        person {\n          id\n          givenName\n          familyName\n          accreditation {\n            id\n            cardNumber\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnnulCheckIn($id: ID!, $reason: String!) {\n    annulCheckIn(id: $id, reason: $reason) {\n      id\n      decision\n      annulment {\n        at\n        by\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AnnulCheckIn($id: ID!, $reason: String!) {\n    annulCheckIn(id: $id, reason: $reason) {\n      id\n      decision\n      annulment {\n        at\n        by\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordTestResult($input: TestResultInput!) {\n    recordTestResult(input: $input) {\n      status\n      lastNegativeTestAt\n      testDueBy\n      stateChanged\n    }\n  }\n"): (typeof documents)["\n  mutation RecordTestResult($input: TestResultInput!) {\n    recordTestResult(input: $input) {\n      status\n      lastNegativeTestAt\n      testDueBy\n      stateChanged\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReleaseFromIsolation($personId: ID!, $reason: String!) {\n    releaseFromIsolation(personId: $personId, reason: $reason) {\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ReleaseFromIsolation($personId: ID!, $reason: String!) {\n    releaseFromIsolation(personId: $personId, reason: $reason) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestsDue($before: DateTime!, $first: Int, $after: String) {\n    testsDue(before: $before, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        givenName\n        familyName\n        organisation {\n          id\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n        }\n        closedLoop {\n          status\n          testDueBy\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TestsDue($before: DateTime!, $first: Int, $after: String) {\n    testsDue(before: $before, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        givenName\n        familyName\n        organisation {\n          id\n          name\n        }\n        accreditation {\n          id\n          cardNumber\n        }\n        closedLoop {\n          status\n          testDueBy\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DenialCount($areaCode: String!, $from: DateTime!) {\n    checkIns(areaCode: $areaCode, decision: DENIED, from: $from, first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query DenialCount($areaCode: String!, $from: DateTime!) {\n    checkIns(areaCode: $areaCode, decision: DENIED, from: $from, first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CheckInRecorded {\n    checkInRecorded {\n      id\n      direction\n      decision\n      deviceDecision\n      conflict\n      reasons\n      scannedAt\n      recordedAt\n      area {\n        code\n        name\n      }\n      person {\n        id\n        givenName\n        familyName\n        organisation {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription CheckInRecorded {\n    checkInRecorded {\n      id\n      direction\n      decision\n      deviceDecision\n      conflict\n      reasons\n      scannedAt\n      recordedAt\n      area {\n        code\n        name\n      }\n      person {\n        id\n        givenName\n        familyName\n        organisation {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        roles\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      user {\n        id\n        email\n        roles\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      email\n      roles\n      preferredLanguage\n      organisation {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      email\n      roles\n      preferredLanguage\n      organisation {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPreferredLanguage($language: Language!) {\n    setPreferredLanguage(language: $language) {\n      id\n      preferredLanguage\n    }\n  }\n"): (typeof documents)["\n  mutation SetPreferredLanguage($language: Language!) {\n    setPreferredLanguage(language: $language) {\n      id\n      preferredLanguage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Trace($personId: ID!, $from: DateTime!, $to: DateTime!, $minMinutes: Int, $first: Int) {\n    stays(personId: $personId, from: $from, to: $to) {\n      location\n      from\n      until\n    }\n    contacts(personId: $personId, from: $from, to: $to, minMinutes: $minMinutes, first: $first) {\n      totalMinutes\n      person {\n        id\n        givenName\n        familyName\n        organisation {\n          id\n          name\n        }\n        closedLoop {\n          status\n        }\n      }\n      encounters {\n        location\n        from\n        until\n        minutes\n      }\n    }\n  }\n"): (typeof documents)["\n  query Trace($personId: ID!, $from: DateTime!, $to: DateTime!, $minMinutes: Int, $first: Int) {\n    stays(personId: $personId, from: $from, to: $to) {\n      location\n      from\n      until\n    }\n    contacts(personId: $personId, from: $from, to: $to, minMinutes: $minMinutes, first: $first) {\n      totalMinutes\n      person {\n        id\n        givenName\n        familyName\n        organisation {\n          id\n          name\n        }\n        closedLoop {\n          status\n        }\n      }\n      encounters {\n        location\n        from\n        until\n        minutes\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DesignateCloseContacts(\n    $personId: ID!\n    $from: DateTime!\n    $to: DateTime!\n    $minMinutes: Int\n    $personIds: [ID!]\n  ) {\n    designateCloseContacts(\n      personId: $personId\n      from: $from\n      to: $to\n      minMinutes: $minMinutes\n      personIds: $personIds\n    ) {\n      totalMinutes\n      person {\n        id\n        givenName\n        familyName\n        closedLoop {\n          status\n          closeContactUntil\n          testDueBy\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DesignateCloseContacts(\n    $personId: ID!\n    $from: DateTime!\n    $to: DateTime!\n    $minMinutes: Int\n    $personIds: [ID!]\n  ) {\n    designateCloseContacts(\n      personId: $personId\n      from: $from\n      to: $to\n      minMinutes: $minMinutes\n      personIds: $personIds\n    ) {\n      totalMinutes\n      person {\n        id\n        givenName\n        familyName\n        closedLoop {\n          status\n          closeContactUntil\n          testDueBy\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;