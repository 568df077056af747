import type Database from 'better-sqlite3';

/** Distinct SQL texts kept prepared; beyond it the oldest goes (queries with `in (…)` lists of every length are distinct texts). */
const MAX_STATEMENTS = 1000;

/**
 * Keeps the prepared statement of each SQL text. drizzle prepares its statement anew
 * on every query, and preparing (parsing and planning the SQL in SQLite) was the
 * largest single cost of a join in the join-storm profile: a join runs a dozen small
 * queries, each prepared from scratch. A statement handed out again is put back in its
 * default mode (drizzle switches some to `raw`), and one still iterating is never shared.
 */
export function cacheStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      return cached;
    }
    const statement = prepare(source);
    if (!cached) {
      if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
      cache.set(source, statement);
    }
    return statement;
  }) as typeof sqlite.prepare;
}
