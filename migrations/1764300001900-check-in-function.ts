import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationRoles } from '#libs/database/roles.js';

/**
 * A check-in in one round trip (ARCHITECTURE.md, "Check-in"):
 *
 * - inspection.gate_reasons(...): the decision table of libs/inspection/gate-rules.ts
 *   decide(), over the same facts, as an immutable SQL expression. decide() stays the
 *   rule: gate-rules.sql.e2e-spec.ts checks on generated facts that both give the same
 *   reasons in the same order, and the service recomputes decide() on the facts this
 *   function returns for every scan it records.
 * - inspection.check_in(...): everything scans do in the database, as one statement
 *   (one transaction, one commit for all the scans it is given): per scan, the replay of
 *   a stored id, the area, the card (accreditation.find_card, FOR SHARE), the person's
 *   lock and closed-loop state, the last movement at the area (movement.movements), the
 *   reasons and the check-in row; then one movement.append_events for every scan the
 *   gate let through. Locks in the order a scan always took them: cards and people
 *   first, the chain heads last (ascending). A second scan of a person already let
 *   through in the same call is answered 'retry' and left for the next call, since
 *   its decision needs the first one's event in the log. SECURITY INVOKER: it runs
 *   with the inspection role's own grants.
 */
export class CheckInFunction1764300001900 implements MigrationInterface {
  name = 'CheckInFunction1764300001900';

  async up(q: QueryRunner): Promise<void> {
    const { inspection: ins } = await migrationRoles(q);

    // Times are compared to the millisecond, as decide() compares Dates.
    await q.query(`
      CREATE FUNCTION inspection.gate_reasons(
        direction text, token_state text, token_version integer, card_known boolean,
        card_status text, card_token_version integer, valid_from timestamptz,
        valid_until timestamptz, venues text[], zones text[], venue_code text, zone text,
        closed_loop boolean, loop_status text, test_due_by timestamptz, last_kind text,
        scanned_at timestamptz)
      RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
      RETURN (
        WITH f AS (
          SELECT gate_reasons.token_state = 'invalid' AS invalid,
                 gate_reasons.token_state <> 'invalid' AND NOT gate_reasons.card_known AS unknown,
                 gate_reasons.token_state <> 'invalid' AND gate_reasons.card_known
                   AND gate_reasons.direction = 'IN' AS judged,
                 date_trunc('milliseconds', gate_reasons.scanned_at) AS t,
                 gate_reasons.loop_status IN ('OUTSIDE', 'EXITED') AS out_of_loop)
        SELECT array_remove(ARRAY[
          CASE WHEN f.unknown THEN 'UNKNOWN_CARD' END,
          CASE WHEN f.invalid THEN 'INVALID_TOKEN' END,
          CASE WHEN f.judged AND gate_reasons.token_state = 'valid'
                    AND gate_reasons.token_version < gate_reasons.card_token_version
               THEN 'SUPERSEDED_TOKEN' END,
          CASE WHEN f.judged AND gate_reasons.card_status IN ('SUBMITTED', 'APPROVED')
               THEN 'NOT_ACTIVE' END,
          CASE WHEN f.judged AND gate_reasons.card_status = 'SUSPENDED' THEN 'SUSPENDED' END,
          CASE WHEN f.judged AND gate_reasons.card_status = 'REVOKED' THEN 'REVOKED' END,
          CASE WHEN f.judged
                    AND (f.t < date_trunc('milliseconds', gate_reasons.valid_from)
                         OR f.t > date_trunc('milliseconds', gate_reasons.valid_until))
               THEN 'OUTSIDE_VALIDITY' END,
          CASE WHEN f.judged AND NOT ('*' = ANY (gate_reasons.venues)
                                      OR gate_reasons.venue_code = ANY (gate_reasons.venues))
               THEN 'NO_VENUE_ACCESS' END,
          CASE WHEN f.judged AND NOT ('*' = ANY (gate_reasons.zones)
                                      OR gate_reasons.zone = ANY (gate_reasons.zones))
               THEN 'NO_ZONE_ACCESS' END,
          CASE WHEN f.judged AND gate_reasons.closed_loop AND f.out_of_loop
               THEN 'NOT_IN_CLOSED_LOOP' END,
          CASE WHEN f.judged AND gate_reasons.loop_status = 'ISOLATED' THEN 'ISOLATED' END,
          CASE WHEN f.judged AND gate_reasons.closed_loop AND gate_reasons.test_due_by IS NOT NULL
                    AND f.t > date_trunc('milliseconds', gate_reasons.test_due_by)
               THEN 'TEST_OVERDUE' END,
          CASE WHEN f.judged AND gate_reasons.last_kind = 'ENTRY' THEN 'ALREADY_INSIDE' END
        ]::text[], NULL)
        FROM f)`);

    await q.query(`
      CREATE FUNCTION inspection.check_in(
        ids uuid[], wanted_areas text[], scan_directions text[], presented_cards text[],
        token_states text[], token_versions integer[], scopes uuid[], scan_times timestamptz[],
        devices text[], device_verdicts text[], contents text[])
      RETURNS TABLE (
        ord integer, outcome text, id uuid, area_code text, person_id uuid, direction text,
        decision text, reasons text[], scanned_at timestamptz, recorded_at timestamptz,
        device_id text, device_decision text, conflict boolean, fingerprint text,
        card_known boolean, card_status text, card_token_version integer,
        valid_from timestamptz, valid_until timestamptz, venues text[], zones text[],
        venue_code text, zone text, closed_loop boolean, loop_status text,
        test_due_by timestamptz, last_kind text)
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
      DECLARE
        n integer := cardinality(ids);
        i integer;
        stored inspection.check_ins%ROWTYPE;
        place inspection.areas%ROWTYPE;
        person uuid;
        card_org uuid;
        c_status text;
        c_version integer;
        c_from timestamptz;
        c_until timestamptz;
        c_venues text[];
        c_zones text[];
        l_status text;
        l_due timestamptz;
        last text;
        why text[];
        verdict text;
        -- The events of the scans let through, appended together at the end.
        e_ids uuid[] := '{}';
        e_people uuid[] := '{}';
        e_locations text[] := '{}';
        e_kinds text[] := '{}';
        e_times timestamptz[] := '{}';
        e_sources text[] := '{}';
      BEGIN
        IF n IS DISTINCT FROM cardinality(wanted_areas) OR n IS DISTINCT FROM cardinality(scan_directions)
           OR n IS DISTINCT FROM cardinality(presented_cards) OR n IS DISTINCT FROM cardinality(token_states)
           OR n IS DISTINCT FROM cardinality(token_versions) OR n IS DISTINCT FROM cardinality(scopes)
           OR n IS DISTINCT FROM cardinality(scan_times) OR n IS DISTINCT FROM cardinality(devices)
           OR n IS DISTINCT FROM cardinality(device_verdicts) OR n IS DISTINCT FROM cardinality(contents) THEN
          RAISE EXCEPTION 'check_in: the arrays differ in length' USING ERRCODE = '22023';
        END IF;
        FOR i IN 1 .. coalesce(n, 0) LOOP
          person := NULL;
          card_org := NULL;
          c_status := NULL;
          c_version := NULL;
          c_from := NULL;
          c_until := NULL;
          c_venues := NULL;
          c_zones := NULL;
          l_status := 'OUTSIDE';
          l_due := NULL;
          last := NULL;

          -- 1. A stored id is a replay: the first answer, whatever this one would be.
          SELECT * INTO stored FROM inspection.check_ins c WHERE c.id = ids[i];
          IF FOUND THEN
            RETURN QUERY SELECT i, 'replayed', stored.id, stored.area_code, stored.person_id,
              stored.direction, stored.decision, stored.reasons, stored.scanned_at,
              stored.recorded_at, stored.device_id, stored.device_decision, stored.conflict,
              stored.fingerprint, NULL::boolean, NULL::text, NULL::integer, NULL::timestamptz, NULL::timestamptz, NULL::text[], NULL::text[], NULL::text, NULL::text, NULL::boolean, NULL::text, NULL::timestamptz, NULL::text;
            CONTINUE;
          END IF;

          SELECT * INTO place FROM inspection.areas a WHERE a.code = wanted_areas[i];
          IF NOT FOUND THEN
            RETURN QUERY SELECT i, 'no_area', ids[i], wanted_areas[i], NULL::uuid, NULL::text,
              NULL::text, NULL::text[], NULL::timestamptz, NULL::timestamptz, NULL::text,
              NULL::text, NULL::boolean, NULL::text, NULL::boolean, NULL::text, NULL::integer, NULL::timestamptz, NULL::timestamptz, NULL::text[], NULL::text[], NULL::text, NULL::text, NULL::boolean, NULL::text, NULL::timestamptz, NULL::text;
            CONTINUE;
          END IF;

          -- 2. The card, FOR SHARE: a concurrent suspension cannot slip in before the commit.
          --    A card of another organisation than a scoped key's is unknown to it.
          IF presented_cards[i] IS NOT NULL THEN
            SELECT f.person_id, f.organisation_id, f.status, f.token_version, f.valid_from,
                   f.valid_until, f.venues, f.zones
            INTO person, card_org, c_status, c_version, c_from, c_until, c_venues, c_zones
            FROM accreditation.find_card(presented_cards[i], true) f;
            IF scopes[i] IS NOT NULL AND card_org IS DISTINCT FROM scopes[i] THEN
              person := NULL;
            END IF;
          END IF;

          -- A person already let through in this call: their event is not in the log
          -- yet, so this scan is left to the caller's next call (nothing written).
          IF person IS NOT NULL AND person = ANY (e_people) THEN
            RETURN QUERY SELECT i, 'retry', ids[i], wanted_areas[i], NULL::uuid, NULL::text,
              NULL::text, NULL::text[], NULL::timestamptz, NULL::timestamptz, NULL::text,
              NULL::text, NULL::boolean, NULL::text, NULL::boolean, NULL::text, NULL::integer, NULL::timestamptz, NULL::timestamptz, NULL::text[], NULL::text[], NULL::text, NULL::text, NULL::boolean, NULL::text, NULL::timestamptz, NULL::text;
            CONTINUE;
          END IF;

          -- 3. The person, as ClosedLoopService.lockAndRead: their row FOR UPDATE, or an
          --    advisory lock on the id while they have none; then the last movement here.
          IF person IS NOT NULL THEN
            SELECT l.status, l.test_due_by INTO l_status, l_due
            FROM inspection.closed_loop l WHERE l.person_id = person FOR UPDATE;
            IF NOT FOUND THEN
              PERFORM pg_advisory_xact_lock(hashtextextended(person::text, 0));
              SELECT l.status, l.test_due_by INTO l_status, l_due
              FROM inspection.closed_loop l WHERE l.person_id = person FOR UPDATE;
              IF NOT FOUND THEN
                l_status := 'OUTSIDE';
                l_due := NULL;
              END IF;
            END IF;
            SELECT m.kind INTO last FROM movement.movements m
            WHERE m.person_id = person AND m.location = place.code
            ORDER BY m.occurred_at DESC, m.recorded_at DESC, m.id DESC LIMIT 1;
          END IF;

          -- 4. The decision table, then the row; a concurrent first recording of the id
          --    makes this one a replay of it.
          why := inspection.gate_reasons(scan_directions[i], token_states[i], token_versions[i],
            person IS NOT NULL, c_status, c_version, c_from, c_until, c_venues, c_zones,
            place.venue_code, place.zone, place.closed_loop, l_status, l_due, last, scan_times[i]);
          verdict := CASE WHEN cardinality(why) = 0 THEN 'ADMITTED' ELSE 'DENIED' END;
          INSERT INTO inspection.check_ins AS c
            (id, area_code, person_id, card_number, direction, decision, reasons, scanned_at,
             device_id, device_decision, conflict, fingerprint)
          VALUES (ids[i], place.code, person, presented_cards[i], scan_directions[i], verdict,
                  why, scan_times[i], devices[i], device_verdicts[i],
                  device_verdicts[i] IS NOT NULL AND device_verdicts[i] <> verdict, contents[i])
          ON CONFLICT ON CONSTRAINT check_ins_pkey DO NOTHING
          RETURNING c.* INTO stored;
          IF NOT FOUND THEN
            SELECT * INTO stored FROM inspection.check_ins c WHERE c.id = ids[i];
            RETURN QUERY SELECT i, 'replayed', stored.id, stored.area_code, stored.person_id,
              stored.direction, stored.decision, stored.reasons, stored.scanned_at,
              stored.recorded_at, stored.device_id, stored.device_decision, stored.conflict,
              stored.fingerprint, NULL::boolean, NULL::text, NULL::integer, NULL::timestamptz, NULL::timestamptz, NULL::text[], NULL::text[], NULL::text, NULL::text, NULL::boolean, NULL::text, NULL::timestamptz, NULL::text;
            CONTINUE;
          END IF;

          -- 5. What the gate let through (the device's own decision, when it decided
          --    alone) is logged, in this transaction.
          IF person IS NOT NULL AND coalesce(device_verdicts[i], verdict) = 'ADMITTED' THEN
            e_ids := e_ids || ids[i];
            e_people := e_people || person;
            e_locations := e_locations || place.code;
            e_kinds := e_kinds || CASE WHEN scan_directions[i] = 'IN' THEN 'ENTRY' ELSE 'EXIT' END;
            e_times := e_times || scan_times[i];
            e_sources := e_sources || ('check-in:' || coalesce(devices[i], place.code));
          END IF;

          RETURN QUERY SELECT i, 'recorded', stored.id, stored.area_code, stored.person_id,
            stored.direction, stored.decision, stored.reasons, stored.scanned_at,
            stored.recorded_at, stored.device_id, stored.device_decision, stored.conflict,
            stored.fingerprint, person IS NOT NULL, c_status, c_version, c_from, c_until,
            c_venues, c_zones, place.venue_code, place.zone, place.closed_loop, l_status, l_due,
            last;
        END LOOP;

        -- 6. One append for the whole call: it takes the chain heads in ascending order,
        --    after every card and person lock, as a single scan always did.
        IF cardinality(e_ids) > 0 THEN
          PERFORM movement.append_events(e_ids, e_people, e_locations, e_kinds, e_times, e_sources);
        END IF;
      END $$`);

    for (const signature of [
      'inspection.gate_reasons(text, text, integer, boolean, text, integer, timestamptz, timestamptz, text[], text[], text, text, boolean, text, timestamptz, text, timestamptz)',
      'inspection.check_in(uuid[], text[], text[], text[], text[], integer[], uuid[], timestamptz[], text[], text[], text[])',
    ]) {
      await q.query(`REVOKE EXECUTE ON FUNCTION ${signature} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${ins}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION inspection.check_in(uuid[], text[], text[], text[], text[], integer[], uuid[], timestamptz[], text[], text[], text[])`,
    );
    await q.query(
      `DROP FUNCTION inspection.gate_reasons(text, text, integer, boolean, text, integer, timestamptz, timestamptz, text[], text[], text, text, boolean, text, timestamptz, text, timestamptz)`,
    );
  }
}
