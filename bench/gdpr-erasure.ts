/**
 * How long one attendee's export and erasure take in a big account (GDPR-2): the
 * generic scan reads every table of the account's scope, so its cost grows with the
 * account. Builds a real database (migrations applied) with `--events` events of
 * `--people` attendees, each with a stay, a device row and `--lines` chat lines; the
 * attendee to erase is in every tenth event. Writes its section of bench/RESULTS.md
 * unless `--no-write`.
 *
 *   node --import tsx bench/gdpr-erasure.ts [--events 200] [--people 100] [--lines 3] [--no-write]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/database.ts';
import { eraseAttendee } from '../server/gdpr/attendee-erasure.ts';
import { attendeeExport } from '../server/gdpr/attendee-records.ts';
import { findSubject } from '../server/gdpr/attendee-subject.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '200' }, people: { type: 'string', default: '100' }, lines: { type: 'string', default: '3' }, 'no-write': { type: 'boolean', default: false } } });
const EVENTS = Number(values.events);
const PEOPLE = Number(values.people);
const LINES = Number(values.lines);

const dir = mkdtempSync(join(tmpdir(), 'gdpr-bench-'));
const { sqlite, close } = openDatabase(join(dir, 'app.db'));
const loadBefore = loadavg().map((n) => n.toFixed(2)).join(' / ');
const now = Date.now();
sqlite.prepare(`insert into accounts (id, name, plan, created_at) values ('acc', 'Bench', 'self-hosted', ?)`).run(now);
const insertEvent = sqlite.prepare(`insert into events (id, public_id, account_id, kind, name, starts_at, time_zone, duration_minutes, access_type, presenter_key, created_at, updated_at) values (?, ?, 'acc', 'webinar', ?, ?, 'Europe/Warsaw', 60, 'public', 'k', ?, ?)`);
const insertPerson = sqlite.prepare(`insert into participants (id, event_id, role, name, email, created_at) values (?, ?, 'attendee', ?, ?, ?)`);
const insertStay = sqlite.prepare(`insert into attendance (id, event_id, participant_id, joined_at, left_at, address) values (?, ?, ?, ?, ?, '203.0.113.9')`);
const insertClient = sqlite.prepare(`insert into attendee_clients (participant_id, event_id, device, os, browser, country, address, updated_at) values (?, ?, 'desktop', 'Linux', 'Chrome', 'PL', '203.0.113.9', ?)`);
const insertLine = sqlite.prepare(`insert into chat_messages (id, event_id, participant_id, name, role, text, created_at) values (?, ?, ?, ?, 'attendee', ?, ?)`);
const started = performance.now();
sqlite.transaction(() => {
  for (let e = 0; e < EVENTS; e++) {
    insertEvent.run(`ev${e}`, 100_000 + e, `Event ${e}`, now, now, now);
    for (let p = 0; p < PEOPLE; p++) {
      const target = p === 0 && e % 10 === 0;
      const id = `p${e}-${p}`;
      const name = target ? 'Anna Nowak' : `Person ${e}-${p}`;
      insertPerson.run(id, `ev${e}`, name, target ? 'anna@example.com' : `person${e}-${p}@example.com`, now);
      insertStay.run(`s${e}-${p}`, `ev${e}`, id, now, now + 60_000);
      insertClient.run(id, `ev${e}`, now);
      for (let l = 0; l < LINES; l++) insertLine.run(`l${e}-${p}-${l}`, `ev${e}`, id, name, `A line number ${l} about the talk, fairly ordinary text`, now + l);
    }
  }
})();
const built = performance.now() - started;
const rows = (sqlite.prepare('select (select count(*) from participants) + (select count(*) from attendance) + (select count(*) from chat_messages) + (select count(*) from attendee_clients) as n').get() as { n: number }).n;

const t0 = performance.now();
const subject = findSubject(sqlite, 'acc', 'anna@example.com');
const exported = attendeeExport(sqlite, subject, new Date());
const t1 = performance.now();
const erased = eraseAttendee(sqlite, subject, { keepText: false });
const t2 = performance.now();
const left = (sqlite.prepare(`select count(*) as n from chat_messages where name = 'Anna Nowak'`).get() as { n: number }).n;
close();
rmSync(dir, { recursive: true, force: true });

const exportMs = (t1 - t0).toFixed(0);
const eraseMs = (t2 - t1).toFixed(0);
const summary = `| ${EVENTS} | ${PEOPLE} | ${LINES} | ${rows.toLocaleString('en')} | ${Object.values(exported.records).reduce((s, r) => s + r.length, 0)} | ${exportMs} | ${eraseMs} | ${Object.values(erased.deleted).reduce((s, n) => s + n, 0)} | ${left} |`;
console.log(`built ${rows} rows in ${built.toFixed(0)} ms; export ${exportMs} ms, erasure ${eraseMs} ms; lines still named: ${left}`);

if (!values['no-write']) {
  const section = `<!-- gdpr-erasure:start -->
## gdpr-erasure — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}. Load average before the run: ${loadBefore} (the machine is shared).

One attendee's export and erasure by e-mail in an account with many events: the generic scan (every table of the account's scope, every text column, by LIKE) runs twice in the erasure (rows to delete, then mentions to overwrite), once in the export. The attendee is in every tenth event.

| events | attendees each | chat lines each | rows | rows exported | export ms | erasure ms | rows deleted | lines still named |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${summary}
<!-- gdpr-erasure:end -->`;
  const file = join(import.meta.dirname, 'RESULTS.md');
  const text = readFileSync(file, 'utf8');
  const next = text.includes('<!-- gdpr-erasure:start -->') ? text.replace(/<!-- gdpr-erasure:start -->[\s\S]*<!-- gdpr-erasure:end -->/, section) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
