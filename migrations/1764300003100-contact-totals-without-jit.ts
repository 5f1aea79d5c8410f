import type { MigrationInterface, QueryRunner } from 'typeorm';

const TOTALS_FUNCTION =
  'movement.contact_totals_hashed(text, uuid, timestamptz, timestamptz, integer, integer)';

/**
 * The contact totals are planned without JIT compilation, whatever the caller's session.
 * With sorts disfavoured (migration 1764300003000), the sorts that have no alternative are
 * each costed 10^10, so the plan's cost is far above `jit_above_cost` and every
 * `jit_*_above_cost`: in a session with JIT on (PostgreSQL's default, where the server has
 * LLVM), the ~20 ms statement spent ~900 ms compiling and optimising ~100 functions (EXPLAIN
 * ANALYZE on the Games load, ARCHITECTURE.md "Speed, tenth pass"). The services connect with
 * JIT off; this holds for any other caller too, and is put back when the function returns.
 */
export class ContactTotalsWithoutJit1764300003100 implements MigrationInterface {
  name = 'ContactTotalsWithoutJit1764300003100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION ${TOTALS_FUNCTION} SET jit = off`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION ${TOTALS_FUNCTION} RESET jit`);
  }
}
