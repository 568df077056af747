/**
 * A drizzle query built once with placeholders (`.prepare()`), for the reads every join
 * makes: drizzle otherwise rebuilds the SQL of a query on each call, which was the
 * largest JavaScript cost of a join in the join-storm profile.
 */
export interface PreparedGet<Row> {
  get(values: Record<string, unknown>): Row | undefined;
}
