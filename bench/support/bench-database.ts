import { createTestDatabase } from '#test/support/database.js';

/** The database a benchmark runs on, and how to drop it when done. */
export interface BenchDatabase {
  url: string;
  /** True for a database an earlier run loaded and kept (BENCH_DATABASE_URL). */
  kept: boolean;
  drop(): Promise<void>;
}

/**
 * BENCH_DATABASE_URL's database, which an earlier run loaded and kept (a Games' ten million
 * events take minutes to load) and which is left as it is; otherwise a fresh one, made on
 * TEST_DATABASE_URL's server and dropped after.
 */
export async function benchDatabase(label: string): Promise<BenchDatabase> {
  const kept = process.env.BENCH_DATABASE_URL;
  if (kept) return { url: kept, kept: true, drop: () => Promise.resolve() };
  const fresh = await createTestDatabase(label);
  return { url: fresh.url, kept: false, drop: () => fresh.drop() };
}
