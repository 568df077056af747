import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { contactGroupMembers, contactGroups, contacts } from '../db/schema-contacts.ts';
import type { ContactBody, ContactOut, ContactPatchBody, GroupOut, ImportOut } from '../../shared/contact-schemas.ts';
import type { Caller } from '../domain/accounts-service.ts';
import { AppError, conflict, notFound } from '../domain/app-error.ts';
import { toCsv } from '../domain/csv.ts';
import { newId } from '../domain/secrets.ts';
import { parseContactsCsv } from './contacts-import.ts';

type ContactRow = typeof contacts.$inferSelect;
type Writer = Pick<Db, 'insert' | 'select' | 'update' | 'delete'>;

/** The account's address book (EV-11): contacts, groups, CSV import and export. */
export class AddressBookService {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  list(caller: Caller, groupId?: string): ContactOut[] {
    const rows = groupId
      ? this.db.select({ c: contacts }).from(contacts).innerJoin(contactGroupMembers, eq(contactGroupMembers.contactId, contacts.id))
        .where(and(eq(contacts.accountId, caller.accountId), eq(contactGroupMembers.groupId, this.group(caller, groupId).id))).orderBy(asc(contacts.email)).all().map((r) => r.c)
      : this.db.select().from(contacts).where(eq(contacts.accountId, caller.accountId)).orderBy(asc(contacts.email)).all();
    return this.withGroups(rows);
  }

  create(caller: Caller, body: ContactBody): ContactOut {
    if (this.byEmail(caller.accountId, body.email)) throw conflict('contact-exists', 'This address is already in the address book.');
    const now = this.now();
    const row: ContactRow = { id: newId(), accountId: caller.accountId, email: body.email, firstName: body.firstName, lastName: body.lastName, company: body.company, phone: body.phone, createdAt: now, updatedAt: now };
    this.db.transaction((tx) => {
      tx.insert(contacts).values(row).run();
      if (body.groupIds) this.setGroups(caller, row.id, body.groupIds, tx);
    });
    return this.withGroups([row])[0]!;
  }

  update(caller: Caller, id: string, body: ContactPatchBody): ContactOut {
    const row = this.contact(caller, id);
    if (body.email && body.email !== row.email && this.byEmail(caller.accountId, body.email)) throw conflict('contact-exists', 'This address is already in the address book.');
    const { groupIds, ...fields } = body;
    this.db.transaction((tx) => {
      tx.update(contacts).set({ ...fields, updatedAt: this.now() }).where(eq(contacts.id, id)).run();
      if (groupIds) this.setGroups(caller, id, groupIds, tx);
    });
    return this.withGroups([this.contact(caller, id)])[0]!;
  }

  remove(caller: Caller, id: string): void {
    this.db.delete(contacts).where(eq(contacts.id, this.contact(caller, id).id)).run();
  }

  groups(caller: Caller): GroupOut[] {
    return this.db.select({ id: contactGroups.id, name: contactGroups.name, size: count(contactGroupMembers.contactId) }).from(contactGroups)
      .leftJoin(contactGroupMembers, eq(contactGroupMembers.groupId, contactGroups.id))
      .where(eq(contactGroups.accountId, caller.accountId)).groupBy(contactGroups.id).orderBy(asc(contactGroups.name)).all();
  }

  createGroup(caller: Caller, name: string): GroupOut {
    const existing = this.db.select().from(contactGroups).where(and(eq(contactGroups.accountId, caller.accountId), eq(contactGroups.name, name))).get();
    if (existing) throw conflict('group-exists', 'A group with this name exists.');
    const row = { id: newId(), accountId: caller.accountId, name, createdAt: this.now() };
    this.db.insert(contactGroups).values(row).run();
    return { id: row.id, name, size: 0 };
  }

  removeGroup(caller: Caller, id: string): void {
    this.db.delete(contactGroups).where(eq(contactGroups.id, this.group(caller, id).id)).run();
  }

  addMembers(caller: Caller, groupId: string, contactIds: string[]): GroupOut {
    const group = this.group(caller, groupId);
    const owned = this.ownedIds(caller, contactIds);
    if (owned.length !== new Set(contactIds).size) throw notFound('Contact');
    if (owned.length) this.db.insert(contactGroupMembers).values(owned.map((contactId) => ({ groupId: group.id, contactId }))).onConflictDoNothing().run();
    return this.groups(caller).find((g) => g.id === group.id)!;
  }

  removeMember(caller: Caller, groupId: string, contactId: string): void {
    const group = this.group(caller, groupId);
    this.db.delete(contactGroupMembers).where(and(eq(contactGroupMembers.groupId, group.id), eq(contactGroupMembers.contactId, contactId))).run();
  }

  /**
   * A lead from a form the organizer set up (the on-demand lead gate): the address becomes
   * a contact of the account, or the existing one is kept (its name filled in only when it
   * had none), and joins the group when the group still exists (it may have been deleted
   * since the form was set up: the contact is kept all the same). `tx`: the caller's
   * transaction, so the lead and what the caller writes with it commit together.
   */
  addLead(accountId: string, lead: { email: string; firstName: string; lastName: string }, groupId: string | null, tx: Writer = this.db): { contactId: string } {
    const now = this.now();
    let contact = this.byEmail(accountId, lead.email, tx);
    if (!contact) {
      contact = { id: newId(), accountId, email: lead.email, firstName: lead.firstName, lastName: lead.lastName, company: '', phone: '', createdAt: now, updatedAt: now };
      tx.insert(contacts).values(contact).run();
    } else if (!contact.firstName && !contact.lastName && lead.firstName) {
      tx.update(contacts).set({ firstName: lead.firstName, lastName: lead.lastName, updatedAt: now }).where(eq(contacts.id, contact.id)).run();
    }
    if (groupId && tx.select({ id: contactGroups.id }).from(contactGroups).where(and(eq(contactGroups.id, groupId), eq(contactGroups.accountId, accountId))).get()) {
      tx.insert(contactGroupMembers).values({ groupId, contactId: contact.id }).onConflictDoNothing().run();
    }
    return { contactId: contact.id };
  }

  /** Contacts picked by id and by group, for invitations; unknown ids are "not found". */
  resolve(caller: Caller, contactIds: string[], groupIds: string[]): { email: string; firstName: string; lastName: string }[] {
    if (contactIds.length === 0 && groupIds.length === 0) return [];
    const ids = new Set(this.ownedIds(caller, contactIds));
    if (ids.size !== new Set(contactIds).size) throw notFound('Contact');
    for (const groupId of groupIds) {
      const group = this.group(caller, groupId);
      for (const m of this.db.select({ id: contactGroupMembers.contactId }).from(contactGroupMembers).where(eq(contactGroupMembers.groupId, group.id)).all()) ids.add(m.id);
    }
    if (ids.size === 0) return [];
    return this.db.select({ email: contacts.email, firstName: contacts.firstName, lastName: contacts.lastName }).from(contacts).where(inArray(contacts.id, [...ids])).all();
  }

  /**
   * Imports a CSV file (any of the encodings `decodeCsvBytes` knows, any common separator).
   * All or nothing: a malformed file, or any failure while writing, imports no row.
   * Existing contacts (same address) are updated with the non-empty cells of the file.
   */
  importCsv(caller: Caller, bytes: Buffer, options: { groupId?: string | undefined }): ImportOut {
    const parsed = parseContactsCsv(bytes);
    if (!parsed.ok) {
      const fields = parsed.errors.map((e) => ({ field: `row ${e.row}`, message: e.reason }));
      throw new AppError('import-malformed', 422, `The file cannot be imported; nothing was imported. Fix the rows listed${parsed.encoding ? ` (read as ${parsed.encoding}, separator "${parsed.separator === '\t' ? 'tab' : parsed.separator}")` : ''}.`, fields);
    }
    const target = options.groupId ? this.group(caller, options.groupId) : undefined;
    let created = 0;
    let updated = 0;
    this.db.transaction((tx) => {
      const groupIds = new Map(this.groups(caller).map((g) => [g.name, g.id]));
      for (const contact of parsed.contacts) {
        const existing = this.byEmail(caller.accountId, contact.email, tx);
        const now = this.now();
        let id: string;
        if (existing) {
          id = existing.id;
          const changes = Object.fromEntries((['firstName', 'lastName', 'company', 'phone'] as const).filter((f) => contact[f]).map((f) => [f, contact[f]]));
          tx.update(contacts).set({ ...changes, updatedAt: now }).where(eq(contacts.id, id)).run();
          updated++;
        } else {
          id = newId();
          tx.insert(contacts).values({ id, accountId: caller.accountId, email: contact.email, firstName: contact.firstName, lastName: contact.lastName, company: contact.company, phone: contact.phone, createdAt: now, updatedAt: now }).run();
          created++;
        }
        const memberOf = [...(target ? [target.id] : []), ...contact.groups.map((name) => {
          let groupId = groupIds.get(name);
          if (!groupId) {
            groupId = newId();
            tx.insert(contactGroups).values({ id: groupId, accountId: caller.accountId, name, createdAt: now }).run();
            groupIds.set(name, groupId);
          }
          return groupId;
        })];
        if (memberOf.length) tx.insert(contactGroupMembers).values(memberOf.map((groupId) => ({ groupId, contactId: id }))).onConflictDoNothing().run();
      }
    });
    return { encoding: parsed.encoding, separator: parsed.separator, created, updated, skipped: parsed.skipped };
  }

  exportCsv(caller: Caller): string {
    const groupNames = new Map(this.groups(caller).map((g) => [g.id, g.name]));
    const rows = this.list(caller).map((c) => [c.email, c.firstName, c.lastName, c.company, c.phone, c.groupIds.map((id) => groupNames.get(id)).join('; ')]);
    // A BOM, so Excel reads UTF-8 and Polish names survive the round trip.
    return `\uFEFF${toCsv(['email', 'first_name', 'last_name', 'company', 'phone', 'groups'], rows)}`;
  }

  private setGroups(caller: Caller, contactId: string, groupIds: string[], tx: Writer): void {
    for (const id of groupIds) this.group(caller, id);
    tx.delete(contactGroupMembers).where(eq(contactGroupMembers.contactId, contactId)).run();
    if (groupIds.length) tx.insert(contactGroupMembers).values([...new Set(groupIds)].map((groupId) => ({ groupId, contactId }))).run();
  }

  private withGroups(rows: ContactRow[]): ContactOut[] {
    const ids = rows.map((r) => r.id);
    const memberships = ids.length ? this.db.select().from(contactGroupMembers).where(inArray(contactGroupMembers.contactId, ids)).all() : [];
    return rows.map((r) => ({
      id: r.id, email: r.email, firstName: r.firstName, lastName: r.lastName, company: r.company, phone: r.phone,
      groupIds: memberships.filter((m) => m.contactId === r.id).map((m) => m.groupId),
      createdAt: r.createdAt.toISOString(),
    }));
  }

  private ownedIds(caller: Caller, ids: string[]): string[] {
    if (ids.length === 0) return [];
    return this.db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.accountId, caller.accountId), inArray(contacts.id, [...new Set(ids)]))).all().map((r) => r.id);
  }

  private byEmail(accountId: string, email: string, db: Pick<Db, 'select'> = this.db): ContactRow | undefined {
    return db.select().from(contacts).where(and(eq(contacts.accountId, accountId), eq(contacts.email, email))).get();
  }

  private contact(caller: Caller, id: string): ContactRow {
    const row = this.db.select().from(contacts).where(and(eq(contacts.id, id), eq(contacts.accountId, caller.accountId))).get();
    if (!row) throw notFound('Contact');
    return row;
  }

  private group(caller: Caller, id: string): typeof contactGroups.$inferSelect {
    const row = this.db.select().from(contactGroups).where(and(eq(contactGroups.id, id), eq(contactGroups.accountId, caller.accountId))).get();
    if (!row) throw notFound('Group');
    return row;
  }
}
