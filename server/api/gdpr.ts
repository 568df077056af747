import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { AccountErasureBody, AccountErasureOut, AttendeeErasureBody, AttendeeErasureOut, AttendeeExportOut, AttendeeLookupBody, AttendeeRectificationBody, AttendeeRectificationOut } from '../../shared/gdpr-schemas.ts';
import type { GdprService } from '../gdpr/gdpr-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';

const tags = ['Data protection'];
const stamp = () => new Date().toISOString().slice(0, 10);

/** GDPR-1, GDPR-2: the account's own data and one attendee's data, exported, erased or corrected. */
export function gdprRoutes(gdpr: GdprService) {
  return new Hono<AppEnv>()
    .use('/account/export', signedIn)
    .use('/account/erasure', signedIn)
    .use('/attendee-data/*', signedIn)
    .get('/account/export',
      describeRoute({ tags, summary: 'Export all data of the account: account.json (every record, one array per table, consents included) and the library files, as one zip', responses: { 200: { description: 'Zip', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } }, 401: problem('Not logged in') } }),
      (c) => {
        const zip = gdpr.exportAccount(requireCaller(c).accountId);
        return c.body(zip as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="account-export-${stamp()}.zip"` });
      })
    .post('/account/erasure',
      describeRoute({ tags, summary: 'Erase the account and everything in it; billing records are kept for the legal period. Confirm with the account’s name.', responses: { 200: jsonContent(AccountErasureOut, 'Erased'), 400: problem('The confirmation does not match') } }),
      valid('json', AccountErasureBody),
      (c) => c.json(gdpr.eraseAccount(requireCaller(c).accountId, c.req.valid('json').confirm)))
    .post('/attendee-data/export',
      describeRoute({ tags, summary: 'Export one attendee’s data across all the account’s events, by e-mail: registrations, invitations, contact, participants, chat, questions, poll answers, attendance, CTA clicks, ratings, mail, and the consents given with their dates', responses: { 200: jsonContent(AttendeeExportOut, 'The export (also a download)'), 404: problem('No such attendee in this account') } }),
      valid('json', AttendeeLookupBody),
      (c) => {
        const data = gdpr.exportAttendee(requireCaller(c).accountId, c.req.valid('json').email);
        return c.body(JSON.stringify(data, null, 2), 200, { 'content-type': 'application/json; charset=utf-8', 'content-disposition': 'attachment; filename="attendee-export.json"' });
      })
    .post('/attendee-data/erasure',
      describeRoute({ tags, summary: 'Erase one attendee across all the account’s events; their chat lines and questions stay as "removed user" (with their text only if keepText)', responses: { 200: jsonContent(AttendeeErasureOut, 'What was deleted and anonymised, by table'), 404: problem('No such attendee in this account') } }),
      valid('json', AttendeeErasureBody),
      (c) => {
        const body = c.req.valid('json');
        return c.json(gdpr.eraseAttendee(requireCaller(c).accountId, body.email, body.keepText));
      })
    .post('/attendee-data/rectification',
      describeRoute({ tags, summary: 'Correct one attendee’s name or e-mail everywhere in the account', responses: { 200: jsonContent(AttendeeRectificationOut, 'What was updated, by table'), 400: problem('Invalid field'), 404: problem('No such attendee in this account'), 409: problem('The new e-mail is already someone else’s') } }),
      valid('json', AttendeeRectificationBody),
      (c) => {
        const body = c.req.valid('json');
        return c.json(gdpr.rectifyAttendee(requireCaller(c).accountId, body.email, { name: body.newName, email: body.newEmail }));
      });
}
