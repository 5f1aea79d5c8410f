import type pg from 'pg';

/** A benchmark's person, with the card number that names them at a gate. */
export interface BenchPerson {
  id: string;
  card_number: string;
}

/** Who a benchmark's people are: their card numbers' letter, their function, their cards' days. */
export interface BenchPeopleShape {
  count: number;
  /** Starts each document and card number ('M' + 1, 2, ...). */
  prefix: string;
  function: string;
  /** Each card valid from this many days ago to this many days ahead. */
  validDaysBefore: number;
  validDaysAfter: number;
}

/**
 * One organisation and `count` people, each with an active card valid at every venue and
 * zone, written by two statements however many there are.
 */
export async function seedPeopleWithCards(
  db: pg.ClientBase,
  shape: BenchPeopleShape,
): Promise<BenchPerson[]> {
  const [org] = (
    await db.query<{ id: string }>(
      `INSERT INTO accreditation.organisations (code, name, type) VALUES ('BENCH', 'Benchmark', 'OTHER') RETURNING id`,
    )
  ).rows;
  return (
    await db.query<BenchPerson>(
      `WITH p AS (
         INSERT INTO accreditation.people
           (organisation_id, given_name, family_name, date_of_birth, nationality, function, document_number)
         SELECT $1, 'Given', 'Family ' || g, date '1990-01-01', 'CHN', $3, $4 || g
         FROM generate_series(1, $2) g
         RETURNING id, document_number)
       INSERT INTO accreditation.accreditations
         (person_id, card_number, category, status, valid_from, valid_until, venues, zones)
       SELECT id, $4 || substr(document_number, 2), 'Aa', 'ACTIVE',
              now() - make_interval(days => $5), now() + make_interval(days => $6), '{*}', '{*}'
       FROM p
       RETURNING person_id AS id, card_number`,
      [
        org.id,
        shape.count,
        shape.function,
        shape.prefix,
        shape.validDaysBefore,
        shape.validDaysAfter,
      ],
    )
  ).rows;
}
