import { and, asc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../db/database.ts';
import { callmeCallbacks, callmePackages } from '../db/schema-callme.ts';
import { ButtonSettings, PageSettings, type CallbackOrder, type CallbackOut, type PackageBody, type PackageOut, type PackagePatch } from '../../shared/callme-schemas.ts';
import { checkCallbackOrder, WorkingHours } from '../../shared/callme-hours.ts';
import { AppError, notFound } from '../domain/app-error.ts';
import { newId } from '../domain/secrets.ts';

export type PackageRow = typeof callmePackages.$inferSelect;

/** A package as the domain uses it: JSON columns parsed (and checked: a bad row is a bug, not input). */
export interface CallmePackage {
  id: string;
  accountId: string;
  name: string;
  companyName: string;
  companyUrl: string;
  language: 'en' | 'pl';
  timeZone: string;
  hours: WorkingHours;
  websites: string[];
  button: ButtonSettings;
  page: PageSettings;
  hasLogo: boolean;
  updatedAt: Date;
}

const toPackage = (row: PackageRow): CallmePackage => ({
  id: row.id,
  accountId: row.accountId,
  name: row.name,
  companyName: row.companyName,
  companyUrl: row.companyUrl,
  language: row.language === 'pl' ? 'pl' : 'en',
  timeZone: row.timeZone,
  hours: v.parse(WorkingHours, JSON.parse(row.hours)),
  websites: JSON.parse(row.websites) as string[],
  button: v.parse(ButtonSettings, JSON.parse(row.button)),
  page: v.parse(PageSettings, JSON.parse(row.page)),
  hasLogo: row.logo !== null,
  updatedAt: row.updatedAt,
});

/** Packages (CALL-1…3) and the callbacks ordered on them, scoped to the organizer's account. */
export class PackagesStore {
  constructor(private readonly db: Db, private readonly baseUrl: () => string, private readonly now: () => Date = () => new Date()) {}

  create(accountId: string, body: PackageBody): PackageOut {
    const now = this.now();
    const id = newId();
    this.db.insert(callmePackages).values({
      id, accountId, name: body.name, companyName: body.companyName, companyUrl: body.companyUrl, language: body.language, timeZone: body.timeZone,
      hours: JSON.stringify(body.hours), websites: JSON.stringify(body.websites), button: JSON.stringify(body.button), page: JSON.stringify(body.page),
      createdAt: now, updatedAt: now,
    }).run();
    return this.out(this.get(accountId, id));
  }

  update(accountId: string, id: string, patch: PackagePatch): PackageOut {
    this.get(accountId, id);
    const set: Partial<PackageRow> = { updatedAt: this.now() };
    for (const key of ['name', 'companyName', 'companyUrl', 'language', 'timeZone'] as const) if (patch[key] !== undefined) set[key] = patch[key];
    for (const key of ['hours', 'websites', 'button', 'page'] as const) if (patch[key] !== undefined) set[key] = JSON.stringify(patch[key]);
    this.db.update(callmePackages).set(set).where(eq(callmePackages.id, id)).run();
    return this.out(this.get(accountId, id));
  }

  delete(accountId: string, id: string): void {
    this.get(accountId, id);
    this.db.delete(callmePackages).where(eq(callmePackages.id, id)).run();
  }

  list(accountId: string): PackageOut[] {
    return this.db.select().from(callmePackages).where(eq(callmePackages.accountId, accountId)).orderBy(asc(callmePackages.createdAt)).all().map((r) => this.out(toPackage(r)));
  }

  /** One of the account's packages; another account's is "not found", never "forbidden". */
  get(accountId: string, id: string): CallmePackage {
    const pkg = this.find(id);
    if (!pkg || pkg.accountId !== accountId) throw notFound('Package');
    return pkg;
  }

  find(id: string): CallmePackage | undefined {
    const row = this.db.select().from(callmePackages).where(eq(callmePackages.id, id)).get();
    return row ? toPackage(row) : undefined;
  }

  setLogo(accountId: string, id: string, logo: { data: Buffer; type: string } | null): PackageOut {
    this.get(accountId, id);
    this.db.update(callmePackages).set({ logo: logo?.data ?? null, logoType: logo?.type ?? null, updatedAt: this.now() }).where(eq(callmePackages.id, id)).run();
    return this.out(this.get(accountId, id));
  }

  logo(id: string): { data: Buffer; type: string } | undefined {
    const row = this.db.select({ logo: callmePackages.logo, type: callmePackages.logoType }).from(callmePackages).where(eq(callmePackages.id, id)).get();
    return row?.logo && row.type ? { data: row.logo, type: row.type } : undefined;
  }

  out(pkg: CallmePackage): PackageOut {
    const base = this.baseUrl();
    return {
      id: pkg.id, name: pkg.name, companyName: pkg.companyName, companyUrl: pkg.companyUrl, language: pkg.language, timeZone: pkg.timeZone,
      hours: pkg.hours, websites: pkg.websites, button: pkg.button, page: pkg.page,
      logoUrl: pkg.hasLogo ? `/api/v1/callme/public/${pkg.id}/logo?v=${pkg.updatedAt.getTime()}` : null,
      snippet: `<script async src="${base}/w/${pkg.id}.js"></script>`,
      callPageUrl: `${base}/call/${pkg.id}`,
    };
  }

  /** An order from the call page; checked again here against the hours in the package's zone. */
  orderCallback(pkg: CallmePackage, order: CallbackOrder, address: string): CallbackOut {
    const now = this.now();
    const checked = checkCallbackOrder(order, pkg.hours, pkg.timeZone, now);
    if (!checked.ok) throw new AppError(checked.problem.code, 400, checked.problem.message, [{ field: checked.problem.field, message: checked.problem.message }]);
    const row = { id: newId(), packageId: pkg.id, phone: order.phone, email: order.email, date: order.date, time: order.time, at: checked.at, address, createdAt: now, doneAt: null };
    this.db.insert(callmeCallbacks).values(row).run();
    return callbackOut(row);
  }

  callbacks(accountId: string, packageId: string): CallbackOut[] {
    this.get(accountId, packageId);
    return this.db.select().from(callmeCallbacks).where(eq(callmeCallbacks.packageId, packageId)).orderBy(asc(callmeCallbacks.at)).all().map(callbackOut);
  }

  markCallbackDone(accountId: string, packageId: string, callbackId: string): CallbackOut {
    this.get(accountId, packageId);
    const where = and(eq(callmeCallbacks.id, callbackId), eq(callmeCallbacks.packageId, packageId));
    if (!this.db.select().from(callmeCallbacks).where(where).get()) throw notFound('Callback');
    this.db.update(callmeCallbacks).set({ doneAt: this.now() }).where(where).run();
    return callbackOut(this.db.select().from(callmeCallbacks).where(where).get()!);
  }
}

function callbackOut(row: typeof callmeCallbacks.$inferSelect): CallbackOut {
  return { id: row.id, phone: row.phone, email: row.email, date: row.date, time: row.time, at: row.at.toISOString(), createdAt: row.createdAt.toISOString(), done: row.doneAt !== null };
}
