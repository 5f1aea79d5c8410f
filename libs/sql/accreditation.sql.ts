/**
 * The accreditation schema's statements (the accreditation service owns it): what the
 * service runs on its own tables, and its published side, the owner's views and
 * functions other services read through libs/accreditation. Parameters are numbered as
 * each statement's comment says; rows come back in snake_case unless a statement renames.
 * test/database/sql-modules.service-spec.ts prepares every one on a migrated database.
 */

/**
 * The owner's view of each card's state (card number, status, token version, person,
 * organisation), granted to the inspection service for its deny list.
 */
export const CARD_STATUSES_VIEW = 'accreditation.card_statuses';

/** A person as the service reads them (table alias `p`): the date of birth as a plain date. */
export const PERSON_COLUMNS = `p.id, p.organisation_id, p.given_name, p.family_name,
  to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, p.nationality, p.function, p.document_number`;

/** The columns of accreditation.organisations a reader needs. */
const ORGANISATION_COLUMNS = 'id, code, name, type, country';

/** A venue with the positions of its zones, in the venue's order. */
const SELECT_VENUES = `
  SELECT v.code, v.name, v.zones, v.position,
         ARRAY(SELECT z.position FROM unnest(v.zones) WITH ORDINALITY AS u(code, ord)
               JOIN accreditation.zone_codes z ON z.code = u.code ORDER BY u.ord) AS zone_positions
  FROM accreditation.venues v`;

export const AccreditationSql = {
  people: {
    /** $1 organisation, $2 given name, $3 family name, $4 date of birth, $5 nationality, $6 function, $7 document: no row when the document is taken. */
    insert: `INSERT INTO accreditation.people
           (organisation_id, given_name, family_name, date_of_birth, nationality, function, document_number)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT people_document_per_organisation DO NOTHING
         RETURNING ${PERSON_COLUMNS.replaceAll('p.', '')}`,
    /** Whether the organisation ($1) and the category ($2) a registration names exist. */
    referencesExist: `SELECT EXISTS (SELECT 1 FROM accreditation.organisations WHERE id = $1) AS organisation,
              EXISTS (SELECT 1 FROM accreditation.categories WHERE code = $2) AS category`,
    /** $1 uuid[]. */
    byIds: `SELECT ${PERSON_COLUMNS} FROM accreditation.people p WHERE p.id = ANY($1::uuid[])`,
    /** $1 the id: the person as updatePerson answers it. */
    byId: `SELECT ${PERSON_COLUMNS} FROM accreditation.people p WHERE p.id = $1`,
    /** $1 a card number (exact). */
    byCardNumber: `SELECT ${PERSON_COLUMNS} FROM accreditation.people p
       JOIN accreditation.accreditations a ON a.person_id = p.id WHERE a.card_number = $1`,
    /** $1 the person: them and their accreditation, locked for a correction. */
    lockForEdit: `SELECT ${PERSON_COLUMNS}, p.erased_at, a.id AS accreditation_id, a.status, a.category,
              a.valid_from, a.valid_until, a.venues, a.zones
       FROM accreditation.people p JOIN accreditation.accreditations a ON a.person_id = p.id
       WHERE p.id = $1 FOR UPDATE OF p, a`,
    /** Whether another person ($3) of the organisation ($1) holds the document ($2). */
    documentTaken: `SELECT EXISTS (SELECT 1 FROM accreditation.people
                        WHERE organisation_id = $1 AND document_number = $2 AND id <> $3) AS taken`,
    /**
     * Retention: erases the identifying data of everyone whose accreditation ended before
     * $1, at $2, names becoming $3 (the year of birth stays); answers the ids erased.
     */
    eraseExpired: `WITH erased AS (
           UPDATE accreditation.people p
              SET given_name = $3, family_name = $3,
                  date_of_birth = date_trunc('year', p.date_of_birth)::date,
                  document_number = NULL, erased_at = $2
             FROM accreditation.accreditations a
            WHERE a.person_id = p.id AND a.valid_until < $1 AND p.erased_at IS NULL
            RETURNING p.id)
         SELECT id FROM erased`,
  },

  accreditations: {
    /** The next card serial (cardNumberFor makes the number). */
    nextCardSerial: `SELECT nextval('accreditation.card_serial') AS serial`,
    /**
     * A registration's accreditation and its first history line: $1 person, $2 card number,
     * $3 category, $4 status, $5 valid from, $6 valid until, $7 venues, $8 zones, $9 by.
     */
    insertWithHistory: `WITH acc AS (
           INSERT INTO accreditation.accreditations
             (person_id, card_number, category, status, valid_from, valid_until, venues, zones)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           RETURNING id)
         INSERT INTO accreditation.accreditation_events (accreditation_id, status, by)
         SELECT id, $4, $9 FROM acc`,
    /** $1 person uuid[]. */
    byPersonIds: `SELECT * FROM accreditation.accreditations WHERE person_id = ANY($1::uuid[])`,
    /** $1 uuid[]: locked in id order (two batches cannot deadlock), with the holder's names. */
    lockWithHolders: `SELECT a.*, p.given_name, p.family_name
       FROM accreditation.accreditations a
       JOIN accreditation.people p ON p.id = a.person_id
       WHERE a.id = ANY($1::uuid[]) ORDER BY a.id FOR UPDATE OF a`,
    /** A lifecycle step: $1 id, $2 status, $3 status before suspension, $4 token version, $5 card token. */
    setLifecycle: `UPDATE accreditation.accreditations
       SET status = $2, status_before_suspension = $3, token_version = $4, card_token = $5, updated_at = now()
       WHERE id = $1`,
    /** What a print shows of each accreditation ($1 uuid[]). */
    prints: `SELECT a.id, a.person_id, a.card_number, a.category, c.name AS category_name, a.status,
              a.venues, a.zones, a.valid_from, a.valid_until, a.card_token,
              p.given_name, p.family_name, p.function, o.name AS organisation_name
       FROM accreditation.accreditations a
       JOIN accreditation.people p ON p.id = a.person_id
       JOIN accreditation.organisations o ON o.id = p.organisation_id
       LEFT JOIN accreditation.categories c ON c.code = a.category
       WHERE a.id = ANY($1::uuid[])`,
  },

  history: {
    /** $1 accreditation uuid[], oldest first. */
    byAccreditationIds: `SELECT accreditation_id, status, reason, at, by, coalesce(changes, '[]') AS changes
       FROM accreditation.accreditation_events
       WHERE accreditation_id = ANY($1::uuid[]) ORDER BY id`,
    /** $1 accreditation, $2 status, $3 reason, $4 by. */
    append: `INSERT INTO accreditation.accreditation_events (accreditation_id, status, reason, by)
       VALUES ($1, $2, $3, $4)`,
    /** A correction: $1 accreditation, $2 status, $3 reason, $4 by, $5 the changes (JSON). */
    appendChanges: `INSERT INTO accreditation.accreditation_events (accreditation_id, status, reason, by, changes)
         VALUES ($1, $2, $3, $4, $5)`,
  },

  categories: {
    list: `SELECT code, name FROM accreditation.categories ORDER BY code COLLATE "C"`,
    /** Whether $1 is a category code. */
    exists: `SELECT EXISTS (SELECT 1 FROM accreditation.categories WHERE code = $1) AS known`,
  },

  organisations: {
    /** $1 code, $2 name, $3 type, $4 country: no row when the code is taken. */
    insert: `INSERT INTO accreditation.organisations (code, name, type, country)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO NOTHING
       RETURNING ${ORGANISATION_COLUMNS}`,
    /** Every organisation, or only $1 (null for all), by code. */
    list: `SELECT ${ORGANISATION_COLUMNS} FROM accreditation.organisations
       WHERE $1::uuid IS NULL OR id = $1::uuid ORDER BY code`,
    /** $1 uuid[]. */
    byIds: `SELECT ${ORGANISATION_COLUMNS} FROM accreditation.organisations WHERE id = ANY($1::uuid[])`,
  },

  venues: {
    /** The catalogue in position order. */
    list: `${SELECT_VENUES} ORDER BY v.position`,
    /** $1 venue code. */
    byCode: `${SELECT_VENUES} WHERE v.code = $1`,
    /** One catalogue change at a time: positions are handed out in order. */
    lockCatalogue: `LOCK TABLE accreditation.venues IN SHARE ROW EXCLUSIVE MODE`,
    /** Gives the zone codes of $1 (text[]) not yet known the next positions. */
    addZoneCodes: `INSERT INTO accreditation.zone_codes (code, position)
         SELECT u.code, (SELECT coalesce(max(position) + 1, 0) FROM accreditation.zone_codes) + u.ord - 1
         FROM (SELECT code, row_number() OVER () AS ord
               FROM unnest($1::text[]) AS code
               WHERE code NOT IN (SELECT code FROM accreditation.zone_codes)) u`,
    /** Whether a zone code holds a position at or past $1 (the most a card can carry). */
    zonesFull: `SELECT coalesce(max(position), -1) >= $1 AS zones_full FROM accreditation.zone_codes`,
    /** $1 code, $2 name, $3 zones: a new venue takes the next position. */
    upsert: `INSERT INTO accreditation.venues (code, name, zones, position)
         VALUES ($1, $2, $3, (SELECT coalesce(max(position) + 1, 0) FROM accreditation.venues))
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, zones = EXCLUDED.zones, updated_at = now()`,
    venuePositions: `SELECT code, position FROM accreditation.venues`,
    zonePositions: `SELECT code, position FROM accreditation.zone_codes`,
    /** Every venue's code and zones: the codes cards may name. */
    codes: `SELECT code, zones FROM accreditation.venues`,
  },

  cardKeys: {
    /** Publishes the signing key's public half ($1 kid, $2 JWK); answers whether it was retired. */
    publish: `INSERT INTO accreditation.card_keys (kid, public_jwk) VALUES ($1, $2)
         ON CONFLICT (kid) DO UPDATE SET kid = EXCLUDED.kid
         RETURNING retired_at IS NOT NULL AS retired`,
    /** Retires the keys $1 (text[]) not yet retired; answers their kids. */
    retire: `UPDATE accreditation.card_keys SET retired_at = now()
           WHERE kid = ANY($1::text[]) AND retired_at IS NULL RETURNING kid`,
  },

  printRuns: {
    /** $1 accreditation ids, $2 by. */
    insert: `INSERT INTO accreditation.card_print_runs (accreditation_ids, created_by) VALUES ($1, $2) RETURNING id`,
    /** $1 run id. */
    accreditationIds: `SELECT accreditation_ids FROM accreditation.card_print_runs WHERE id = $1`,
  },

  portraits: {
    /** $1 person, $2 image, $3 thumbnail, $4 width, $5 height, $6 taken at; replaces an earlier one. */
    save: `INSERT INTO accreditation.person_photos (person_id, image, thumbnail, width, height, taken_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (person_id) DO UPDATE SET image = EXCLUDED.image, thumbnail = EXCLUDED.thumbnail,
         width = EXCLUDED.width, height = EXCLUDED.height, taken_at = EXCLUDED.taken_at`,
    /** $1 person. */
    image: `SELECT image AS bytes FROM accreditation.person_photos WHERE person_id = $1`,
    /** $1 person. */
    thumbnail: `SELECT thumbnail AS bytes FROM accreditation.person_photos WHERE person_id = $1`,
    /** $1 person uuid[]. */
    describe: `SELECT person_id, width, height, taken_at FROM accreditation.person_photos
         WHERE person_id = ANY($1::uuid[])`,
    /** Whether portraits are kept in the database (accreditation.person_photos exists). */
    table: `SELECT to_regclass('accreditation.person_photos')::text AS table`,
    /** $1 person uuid[]. */
    erase: `DELETE FROM accreditation.person_photos WHERE person_id = ANY($1)`,
  },

  /** The people import (apps/accreditation/imports): a file's people in bulk, in one transaction. */
  imports: {
    /**
     * Lets the trigram indexes take an import's entries into their pending lists, merged
     * after the commit (mergeSearchPendingLists), not row by row in the caller's time.
     */
    largePendingLists: `SET LOCAL gin_pending_list_limit = '256MB'`,
    /** Folds the pending lists into the indexes: only their owner may, so its function does. */
    mergeSearchPendingLists: `SELECT accreditation.merge_search_pending_lists()`,
    /**
     * $1 organisation: a row when it exists, locked, so two imports into it cannot both
     * pass the duplicate check.
     */
    lockOrganisation: `SELECT 1 FROM accreditation.organisations WHERE id = $1 FOR UPDATE`,
    /** Every category's code. */
    categoryCodes: `SELECT code FROM accreditation.categories`,
    /** Which of the document numbers $2 (text[]) the organisation $1's people already hold. */
    takenDocumentNumbers: `SELECT document_number FROM accreditation.people
       WHERE organisation_id = $1 AND document_number = ANY($2::text[])`,
    /**
     * A chunk of people of the organisation $1, one array per column: $2 ids (uuid[]),
     * $3 given names, $4 family names, $5 dates of birth (date[]), $6 nationalities,
     * $7 functions, $8 document numbers.
     */
    insertPeople: `INSERT INTO accreditation.people
         (id, organisation_id, given_name, family_name, date_of_birth, nationality, function, document_number)
       SELECT t.id, $1, t.given_name, t.family_name, t.date_of_birth, t.nationality, t.function, t.document_number
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[], $8::text[])
         AS t(id, given_name, family_name, date_of_birth, nationality, function, document_number)`,
    /** $1 (int) serials of the card numbers' sequence at once. */
    cardSerials: `SELECT nextval('accreditation.card_serial') AS serial FROM generate_series(1, $1::int)`,
    /**
     * A chunk's accreditations and their first history events, in one statement: $1 the
     * status, $2 by, then one array literal per column: $3 ids (uuid[]), $4 people
     * (uuid[]), $5 card numbers, $6 categories, $7 valid from, $8 valid until
     * (timestamptz[]), $9 venues and $10 zones (each element its codes joined with ';').
     */
    insertAccreditations: `WITH created AS (
           INSERT INTO accreditation.accreditations
             (id, person_id, card_number, category, status, valid_from, valid_until, venues, zones)
           SELECT t.id, t.person_id, t.card_number, t.category, $1, t.valid_from, t.valid_until,
                  string_to_array(t.venues, ';'), string_to_array(t.zones, ';')
           FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::text[], $10::text[])
             AS t(id, person_id, card_number, category, valid_from, valid_until, venues, zones)
           RETURNING id)
         INSERT INTO accreditation.accreditation_events (accreditation_id, status, reason, by)
         SELECT id, $1, 'imported', $2 FROM created`,
  },

  /**
   * The published side: the owner's views and functions, granted by name to the services
   * that read through libs/accreditation (ARCHITECTURE.md, "What each role may do").
   */
  published: {
    /** accreditation.find_card: $1 card number, $2 whether to take the row FOR SHARE. */
    findCard: `SELECT * FROM accreditation.find_card($1, $2)`,
    /** accreditation.activate_on_arrival: $1 accreditation, $2 by; answers the status it found. */
    activateOnArrival: `SELECT accreditation.activate_on_arrival($1, $2) AS found`,
    /** accreditation.accreditation_created_at: $1 person. */
    accreditationCreatedAt: `SELECT accreditation.accreditation_created_at($1) AS created_at`,
    /** $1 person: their organisation. */
    personOrganisation: `SELECT organisation_id FROM accreditation.person_organisations WHERE person_id = $1`,
    /** $1 person uuid[]: each with their organisation. */
    personOrganisations: `SELECT person_id, organisation_id FROM accreditation.person_organisations
     WHERE person_id = ANY($1::uuid[])`,
    /** Which of the people $1 (uuid[]) belong to the organisation $2. */
    peopleInOrganisation: `SELECT person_id AS id FROM accreditation.person_organisations
           WHERE person_id = ANY($1::uuid[]) AND organisation_id = $2`,
    /**
     * $1 normalised card numbers (text[]): their holders. A range, not '=': with '=' the
     * planner takes the trigram GIN index on card_number (search) and spends ~5 ms per card;
     * a range can only use the unique btree (~5 µs).
     */
    cardHolders: `SELECT h.card_number, h.person_id, h.organisation_id
       FROM unnest($1::text[]) AS c(card_number)
       JOIN accreditation.card_holders h
         ON h.card_number >= c.card_number AND h.card_number <= c.card_number`,
    /** $1 venue code: its zones. */
    venueZones: `SELECT zone FROM accreditation.venue_zones WHERE venue_code = $1`,
    /** Every card-verification key not retired, oldest first. */
    verificationKeys: `SELECT kid, public_jwk FROM accreditation.card_verification_keys ORDER BY created_at`,
  },
} as const;

/** SQL condition keeping only an organisation's people, for a column holding person ids. */
export function personScopeCondition(column: string, parameter: string): string {
  return `${column} IN (SELECT person_id FROM accreditation.person_organisations
    WHERE organisation_id = ${parameter})`;
}

/** The tables updatePerson corrects, and the columns of each it may set. */
export const EDITABLE_COLUMNS = {
  people: [
    'given_name',
    'family_name',
    'date_of_birth',
    'nationality',
    'function',
    'document_number',
  ],
  accreditations: ['category', 'valid_from', 'valid_until', 'venues', 'zones'],
} as const;

export type EditableTable = keyof typeof EDITABLE_COLUMNS;
export type EditableColumn = (typeof EDITABLE_COLUMNS)[EditableTable][number];

/**
 * A correction of one row ($1 its id) setting `columns` to $2, $3, … in order. Only the
 * columns EDITABLE_COLUMNS names for the table are accepted (they are spliced in).
 */
export function correction(table: EditableTable, columns: readonly EditableColumn[]): string {
  const allowed: readonly string[] = EDITABLE_COLUMNS[table];
  for (const column of columns) {
    if (!allowed.includes(column))
      throw new Error(`${column} is not a column of ${table} to correct`);
  }
  const set = columns.map((column, i) => `${column} = $${i + 2}`).join(', ');
  const touched = table === 'accreditations' ? ', updated_at = now()' : '';
  return `UPDATE accreditation.${table} SET ${set}${touched} WHERE id = $1`;
}
