import type Database from 'better-sqlite3';
import { quoteIdentifier as q } from './data-scope.ts';
import { needlePattern, type Subject } from './attendee-subject.ts';
import { subjectRows, textColumns } from './attendee-records.ts';

/**
 * Rewrites every remaining mention of the attendee's e-mail or names in the account's
 * rows, whatever table and column it sits in (a webhook payload, a job, a token label,
 * someone else's chat line that quoted the name). `replace` gets the words found and
 * gives what goes in their place; with `nullAddresses`, a nullable column holding
 * nothing but the address becomes null instead. Returns the rows changed, by table.
 */
export function rewriteMentions(sqlite: Database.Database, subject: Subject, replace: (found: string) => string, nullAddresses = false): Record<string, number> {
  const changed: Record<string, number> = {};
  const pattern = needlePattern([subject.email, ...subject.names]);
  if (!pattern) return changed;
  for (const { scope, rows } of subjectRows(sqlite, subject)) {
    for (const row of rows) {
      const changes: [string, unknown][] = [];
      for (const column of textColumns(scope)) {
        const value = row[column];
        if (typeof value !== 'string') continue;
        pattern.lastIndex = 0;
        if (!pattern.test(value)) continue;
        pattern.lastIndex = 0;
        const nullable = !scope.columns.find((c) => c.name === column)!.notNull;
        const onlyTheAddress = nullAddresses && nullable && value.trim().toLowerCase() === subject.email;
        changes.push([column, onlyTheAddress ? null : value.replace(pattern, replace)]);
      }
      if (changes.length === 0) continue;
      sqlite.prepare(`update ${q(scope.table)} set ${changes.map(([c]) => `${q(c)} = ?`).join(', ')} where rowid = ?`).run(...changes.map(([, v]) => v), row.__rowid);
      changed[scope.table] = (changed[scope.table] ?? 0) + 1;
    }
  }
  return changed;
}
