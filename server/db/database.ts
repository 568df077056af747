import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheStatements } from './statement-cache.ts';
import * as accountTables from './schema-accounts.ts';
import * as eventTables from './schema-events.ts';
import * as chatTables from './schema-chat.ts';
import * as roomTables from './schema-rooms.ts';
import * as activityTables from './schema-room-activity.ts';
import * as schedulingTables from './schema-scheduling.ts';
import * as mailTables from './schema-mail.ts';
import * as contactTables from './schema-contacts.ts';
import * as whiteboardTables from './schema-whiteboard.ts';
import * as billingTables from './schema-billing.ts';
import * as reportTables from './schema-reports.ts';

const schema = { ...accountTables, ...eventTables, ...chatTables, ...roomTables, ...activityTables, ...schedulingTables, ...mailTables, ...contactTables, ...whiteboardTables, ...billingTables, ...reportTables, ...fileTables, ...callmeTables, ...automatedTables, ...mailDeliveryTables, ...accountRecoveryTables, ...identityTables, ...recordingTables, ...presentationTables, ...playbackTables, ...ondemandTables };
import * as fileTables from './schema-files.ts';

import * as callmeTables from './schema-callme.ts';
import * as automatedTables from './schema-automated.ts';
import * as mailDeliveryTables from './schema-mail-delivery.ts';
import * as accountRecoveryTables from './schema-account-recovery.ts';
import * as identityTables from './schema-identity.ts';
import * as recordingTables from './schema-recording.ts';
import * as presentationTables from './schema-presentation.ts';
import * as playbackTables from './schema-playback.ts';
import * as ondemandTables from './schema-ondemand.ts';


export type Db = BetterSQLite3Database<typeof schema>;
export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

/**
 * Opens (creating if needed) the SQLite file, in WAL mode so readers never wait for the
 * writer, and applies pending migrations. `synchronous=NORMAL` in WAL keeps every
 * committed write across a process crash; only a power cut can lose the last ones.
 */
export function openDatabase(file: string): DatabaseHandle {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return { db, sqlite, close: () => sqlite.close() };
}
