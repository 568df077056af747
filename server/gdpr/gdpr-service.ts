import type Database from 'better-sqlite3';
import { AppError } from '../domain/app-error.ts';
import { accountExportZip, eraseAccount, type AccountFiles } from './account-data.ts';
import { eraseAttendee } from './attendee-erasure.ts';
import { attendeeExport } from './attendee-records.ts';
import { rectifyAttendee } from './attendee-rectification.ts';
import { findSubject } from './attendee-subject.ts';

/** The data-protection requests an organizer makes (GDPR-1, GDPR-2), each scoped to the caller's account. */
export class GdprService {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly files: AccountFiles,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A stranger to this account is a 404, like an event of another account. */
  exportAttendee(accountId: string, email: string) {
    return attendeeExport(this.sqlite, findSubject(this.sqlite, accountId, email), this.now());
  }

  eraseAttendee(accountId: string, email: string, keepText: boolean) {
    return eraseAttendee(this.sqlite, findSubject(this.sqlite, accountId, email), { keepText });
  }

  rectifyAttendee(accountId: string, email: string, change: { name?: string | undefined; email?: string | undefined }) {
    return rectifyAttendee(this.sqlite, findSubject(this.sqlite, accountId, email), change);
  }

  exportAccount(accountId: string): Uint8Array {
    return accountExportZip(this.sqlite, accountId, this.files, this.now());
  }

  eraseAccount(accountId: string, confirm: string) {
    const account = this.sqlite.prepare('select name from accounts where id = ?').get(accountId) as { name: string } | undefined;
    if (!account || confirm.trim() !== account.name.trim()) {
      throw new AppError('confirmation-mismatch', 400, 'Type the account’s name to confirm the erasure.', [{ field: 'confirm', message: 'Does not match the account’s name.' }]);
    }
    const keptForBilling = (this.sqlite.prepare(`select name from sqlite_master where type = 'table' and name like 'billing\\_%' escape '\\'`).all() as { name: string }[]).map((r) => r.name);
    return { ...eraseAccount(this.sqlite, accountId, this.files), keptForBilling };
  }
}
