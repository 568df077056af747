import type Database from 'better-sqlite3';

/**
 * Which rows of which table belong to an account, worked out from the database's own
 * schema (PRAGMA table_info / foreign_key_list) rather than from a hand-kept list, so a
 * table another area adds later is exported and erased without anyone remembering to.
 *
 * A table belongs to the account through, in this order: its own `account_id` column;
 * a foreign key to a table that belongs to it; or, for columns that are deliberately not
 * foreign keys (jobs and mail outlive their event), an `event_id` or `participant_id`
 * column. Billing tables (`billing_*`) are outside: they are kept for legal claims.
 */

export interface TableScope {
  table: string;
  /** SQL condition selecting the account's rows; `?` placeholders are all the account id. */
  where: string;
  params: string[];
  columns: ColumnInfo[];
  /** Tables this one has foreign keys to. */
  references: string[];
}

export interface ColumnInfo {
  name: string;
  type: string;
  notNull: boolean;
  primaryKey: boolean;
}

/** Kept for the legal period whatever is erased (SPEC §1 billing, GDPR-4). */
export const isBillingTable = (table: string) => table.startsWith('billing_');
/** Values never exported: they open doors, and a hash of a password is still a secret. */
export const isSecretColumn = (column: string) => /(^|_)(password|secret|hash|key_hash|token_hash|sealed)($|_)|^presenter_key$|_feed_key$/.test(column);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function listTables(sqlite: Database.Database): string[] {
  return (sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '\\_\\_%' escape '\\' order by name`).all() as { name: string }[]).map((r) => r.name);
}

export function columnsOf(sqlite: Database.Database, table: string): ColumnInfo[] {
  return (sqlite.prepare(`pragma table_info(${quote(table)})`).all() as { name: string; type: string; notnull: number; pk: number }[])
    .map((c) => ({ name: c.name, type: c.type.toLowerCase(), notNull: c.notnull === 1, primaryKey: c.pk > 0 }));
}

interface ForeignKey { table: string; from: string; to: string | null }

/** Every table's rows belonging to `accountId` (billing tables excluded), as SQL conditions. */
export function accountScopes(sqlite: Database.Database, accountId: string): TableScope[] {
  const tables = listTables(sqlite).filter((t) => !isBillingTable(t));
  const info = new Map(tables.map((t) => [t, columnsOf(sqlite, t)]));
  const keys = new Map(tables.map((t) => [t, (sqlite.prepare(`pragma foreign_key_list(${quote(t)})`).all() as ForeignKey[])]));
  const memo = new Map<string, { where: string; params: string[] } | null>();

  const scopeOf = (table: string, visiting: Set<string>): { where: string; params: string[] } | null => {
    if (memo.has(table)) return memo.get(table)!;
    if (visiting.has(table) || !info.has(table)) return null;
    visiting.add(table);
    const cols = info.get(table)!.map((c) => c.name);
    let found: { where: string; params: string[] } | null = null;
    if (table === 'accounts') found = { where: 'id = ?', params: [accountId] };
    else if (cols.includes('account_id')) found = { where: 'account_id = ?', params: [accountId] };
    else {
      // Through the required references when there are any (a participant belongs to its
      // event's account, not to the account of a user who happened to be signed in).
      const required = new Set(info.get(table)!.filter((c) => c.notNull).map((c) => c.name));
      const all = keys.get(table)!;
      const preferred = all.some((fk) => required.has(fk.from)) ? all.filter((fk) => required.has(fk.from)) : all;
      const parts = preferred.flatMap((fk) => {
        const parent = scopeOf(fk.table, visiting);
        return parent ? [{ where: `${quote(fk.from)} in (select ${quote(fk.to ?? 'id')} from ${quote(fk.table)} where ${parent.where})`, params: parent.params }] : [];
      });
      if (parts.length > 0) found = { where: parts.map((p) => `(${p.where})`).join(' or '), params: parts.flatMap((p) => p.params) };
      // Deliberately loose references: a job or a message keeps the id of the event it was about.
      if (!found && cols.includes('event_id')) found = { where: `event_id in (select id from events where account_id = ?)`, params: [accountId] };
      if (!found && cols.includes('participant_id')) found = { where: `participant_id in (select p.id from participants p join events e on e.id = p.event_id where e.account_id = ?)`, params: [accountId] };
    }
    visiting.delete(table);
    memo.set(table, found);
    return found;
  };

  return tables.flatMap((table) => {
    const scope = scopeOf(table, new Set());
    return scope ? [{ table, ...scope, columns: info.get(table)!, references: [...new Set(keys.get(table)!.map((k) => k.table))] }] : [];
  });
}

/** The rows of one scope, with `rowid` so a caller can update exactly those rows. */
export function scopedRows(sqlite: Database.Database, scope: TableScope, extraWhere = '', extraParams: unknown[] = []): Record<string, unknown>[] {
  return sqlite.prepare(`select rowid as __rowid, * from ${quote(scope.table)} where (${scope.where})${extraWhere ? ` and (${extraWhere})` : ''}`).all(...scope.params, ...extraParams) as Record<string, unknown>[];
}

/** A row made fit for a JSON export: secrets dropped, bytes as base64, times as ISO strings where the column says so. */
export function exportRow(row: Record<string, unknown>, columns: ColumnInfo[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of columns) {
    if (isSecretColumn(column.name)) continue;
    const value = row[column.name];
    if (Buffer.isBuffer(value)) out[column.name] = { base64: value.toString('base64') };
    else if (typeof value === 'number' && /(_at|^at)$/.test(column.name) && value > 946_684_800_000) out[column.name] = new Date(value).toISOString();
    else if (typeof value === 'string' && /^[[{]/.test(value)) out[column.name] = parseJson(value);
    else out[column.name] = value;
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Tables ordered so that each comes before every table it references (children before parents). */
export function childrenFirst(scopes: TableScope[]): TableScope[] {
  const byTable = new Map(scopes.map((s) => [s.table, s]));
  const done = new Set<string>();
  const ordered: TableScope[] = [];
  const visit = (scope: TableScope, path: Set<string>) => {
    if (done.has(scope.table) || path.has(scope.table)) return;
    path.add(scope.table);
    for (const child of scopes) if (child.references.includes(scope.table) && child.table !== scope.table) visit(child, path);
    path.delete(scope.table);
    done.add(scope.table);
    ordered.push(scope);
  };
  for (const scope of scopes) visit(scope, new Set());
  return ordered.filter((s) => byTable.has(s.table));
}

export { quote as quoteIdentifier };
