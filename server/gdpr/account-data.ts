import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { zipSync, strToU8, type Zippable } from 'fflate';
import { consentsOf } from './attendee-records.ts';
import { accountScopes, childrenFirst, exportRow, isBillingTable, quoteIdentifier as q, scopedRows } from './data-scope.ts';

/**
 * The organizer's own data (GDPR-1): everything of the account as JSON, one array per
 * table, and the file library's bytes, in one zip; and erasure of the account with
 * everything in it except the billing records, which the terms keep for the legal period.
 */

export interface AccountFiles {
  /** The folder holding a library file's original and what its conversion made. */
  dir(fileId: string): string;
  remove(fileId: string): void;
}

function addFolder(zip: Zippable, root: string, prefix: string): void {
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) addFolder(zip, path, `${prefix}${name}/`);
    else zip[`${prefix}${name}`] = [readFileSync(path), { level: 0 }];
  }
}

export function accountExportZip(sqlite: Database.Database, accountId: string, files: AccountFiles, now: Date): Uint8Array {
  const tables: Record<string, Record<string, unknown>[]> = {};
  for (const scope of accountScopes(sqlite, accountId)) {
    const rows = scopedRows(sqlite, scope);
    if (rows.length > 0) tables[scope.table] = rows.map((row) => exportRow(row, scope.columns));
  }
  // Billing records are the account's too: exported, though never erased.
  for (const table of (sqlite.prepare(`select name from sqlite_master where type = 'table' and name like 'billing\\_%' escape '\\'`).all() as { name: string }[]).map((r) => r.name)) {
    const columns = (sqlite.prepare(`pragma table_info(${q(table)})`).all() as { name: string; type: string; notnull: number; pk: number }[]).map((c) => ({ name: c.name, type: c.type.toLowerCase(), notNull: c.notnull === 1, primaryKey: c.pk > 0 }));
    if (!columns.some((c) => c.name === 'account_id')) continue;
    const rows = sqlite.prepare(`select * from ${q(table)} where account_id = ?`).all(accountId) as Record<string, unknown>[];
    if (rows.length > 0) tables[table] = rows.map((row) => exportRow(row, columns));
  }
  const zip: Zippable = {
    'account.json': strToU8(JSON.stringify({ exportedAt: now.toISOString(), accountId, consents: consentsOf(sqlite, accountId), tables }, null, 2)),
    'README.txt': strToU8('account.json holds the consents attendees gave and withdrew (with their dates) and every record of the account, one array per database table (secrets such as password hashes left out).\nfiles/<id>/ holds each library file: "original" as uploaded and what its conversion produced.\n'),
  };
  for (const file of tables.files ?? []) {
    const id = String(file.id);
    const dir = files.dir(id);
    const folder: Zippable = {};
    addFolder(folder, dir, '');
    for (const [path, value] of Object.entries(folder)) zip[`files/${id}/${path}`] = value;
  }
  return zipSync(zip);
}

/**
 * Removes the account: the rows of every table in its scope (computed before anything
 * goes, since the scopes lean on the events and participants), then the account itself,
 * in one transaction; then the library's files on disk. Billing tables are untouched.
 */
export function eraseAccount(sqlite: Database.Database, accountId: string, files: AccountFiles): { deleted: Record<string, number> } {
  const scopes = childrenFirst(accountScopes(sqlite, accountId).filter((s) => !isBillingTable(s.table)));
  const fileIds = (sqlite.prepare(`select id from files where account_id = ?`).all(accountId) as { id: string }[]).map((r) => r.id);
  const deleted: Record<string, number> = {};
  sqlite.transaction(() => {
    const doomed = scopes.map((scope) => ({ table: scope.table, rowids: scopedRows(sqlite, scope).map((r) => r.__rowid as number) }));
    // Children first, so the counts say what each table lost; foreign keys are checked at
    // commit, when every row of the account is gone, so a cycle cannot refuse it.
    sqlite.pragma('defer_foreign_keys = ON');
    for (const { table, rowids } of doomed) {
      const statement = sqlite.prepare(`delete from ${q(table)} where rowid = ?`);
      let n = 0;
      for (const rowid of rowids) n += statement.run(rowid).changes;
      if (n > 0) deleted[table] = n;
    }
    sqlite.prepare('delete from accounts where id = ?').run(accountId);
  }).immediate();
  for (const id of fileIds) files.remove(id);
  return { deleted };
}
