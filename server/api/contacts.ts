import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { ContactBody, ContactOut, ContactPatchBody, GroupBody, GroupMembersBody, GroupOut, ImportOut } from '../../shared/contact-schemas.ts';
import { AppError } from '../domain/app-error.ts';
import type { AddressBookService } from '../scheduling/address-book-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import { pathParameter } from './scheduling-params.ts';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const IdParam = v.object({ contactId: Id });
const GroupParam = v.object({ groupId: Id });
const MemberParams = v.object({ groupId: Id, contactId: Id });
const ListQuery = v.object({ groupId: v.optional(Id) });
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const tags = ['Address book'];

/** The address book (EV-11): contacts, groups, CSV import and export. */
export function contactRoutes(book: AddressBookService) {
  return new Hono<AppEnv>()
    .use('/contacts', signedIn)
    .use('/contacts/*', signedIn)
    .use('/contacts.csv', signedIn)
    .use('/contact-groups', signedIn)
    .use('/contact-groups/*', signedIn)
    .get('/contacts',
      describeRoute({ tags, summary: 'Contacts, optionally of one group', responses: { 200: jsonContent(v.object({ contacts: v.array(ContactOut) }), 'Contacts') } }),
      valid('query', ListQuery),
      (c) => c.json({ contacts: book.list(requireCaller(c), c.req.valid('query').groupId) }))
    .post('/contacts',
      describeRoute({ tags, summary: 'Add a contact', responses: { 201: jsonContent(ContactOut, 'The contact'), 400: problem('Invalid field'), 409: problem('The address is in the book already') } }),
      valid('json', ContactBody),
      (c) => c.json(book.create(requireCaller(c), c.req.valid('json')), 201))
    .post('/contacts/import',
      describeRoute({
        tags,
        summary: 'Import contacts from a CSV file (the raw file as the body)',
        description: 'The encoding (UTF-8 with or without BOM, UTF-16, Windows-1250, Windows-1252, ISO-8859-2) and the separator (, ; tab |) are detected. The first row names the columns (email, first name, last name, name, company, phone, group; English or Polish). Rows that cannot be contacts are skipped and listed; a malformed file imports nothing (422, every wrong row listed). Existing addresses are updated. `groupId` adds every imported contact to that group.',
        parameters: [{ name: 'groupId', in: 'query', required: false, schema: { type: 'string' } }],
        requestBody: { content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } } },
        responses: { 200: jsonContent(ImportOut, 'Imported'), 413: problem('File too large'), 422: problem('Malformed file: nothing imported; `errors` lists the rows') },
      }),
      bodyLimit({ maxSize: MAX_IMPORT_BYTES, onError: () => { throw new AppError('file-too-large', 413, 'The file may be at most 10 MB.'); } }),
      valid('query', ListQuery),
      async (c) => c.json(book.importCsv(requireCaller(c), Buffer.from(await c.req.arrayBuffer()), { groupId: c.req.valid('query').groupId })))
    .patch('/contacts/:contactId',
      describeRoute({ tags, summary: 'Change a contact (and its groups)', parameters: [pathParameter('contactId', 'Contact id')], responses: { 200: jsonContent(ContactOut, 'The contact'), 404: problem('No such contact') } }),
      valid('param', IdParam),
      valid('json', ContactPatchBody),
      (c) => c.json(book.update(requireCaller(c), c.req.valid('param').contactId, c.req.valid('json'))))
    .delete('/contacts/:contactId',
      describeRoute({ tags, summary: 'Delete a contact', parameters: [pathParameter('contactId', 'Contact id')], responses: { 204: noContent('Deleted'), 404: problem('No such contact') } }),
      valid('param', IdParam),
      (c) => {
        book.remove(requireCaller(c), c.req.valid('param').contactId);
        return c.body(null, 204);
      })
    .get('/contacts.csv',
      describeRoute({ tags, summary: 'Export the address book as CSV (UTF-8 with BOM)', responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } } } }),
      (c) => c.body(book.exportCsv(requireCaller(c)), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="contacts.csv"' }))
    .get('/contact-groups',
      describeRoute({ tags, summary: 'Groups with their sizes', responses: { 200: jsonContent(v.object({ groups: v.array(GroupOut) }), 'Groups') } }),
      (c) => c.json({ groups: book.groups(requireCaller(c)) }))
    .post('/contact-groups',
      describeRoute({ tags, summary: 'Create a group', responses: { 201: jsonContent(GroupOut, 'The group'), 409: problem('The name is taken') } }),
      valid('json', GroupBody),
      (c) => c.json(book.createGroup(requireCaller(c), c.req.valid('json').name), 201))
    .delete('/contact-groups/:groupId',
      describeRoute({ tags, summary: 'Delete a group (its contacts stay)', parameters: [pathParameter('groupId', 'Group id')], responses: { 204: noContent('Deleted'), 404: problem('No such group') } }),
      valid('param', GroupParam),
      (c) => {
        book.removeGroup(requireCaller(c), c.req.valid('param').groupId);
        return c.body(null, 204);
      })
    .post('/contact-groups/:groupId/members',
      describeRoute({ tags, summary: 'Add contacts to a group', parameters: [pathParameter('groupId', 'Group id')], responses: { 200: jsonContent(GroupOut, 'The group'), 404: problem('No such group or contact') } }),
      valid('param', GroupParam),
      valid('json', GroupMembersBody),
      (c) => c.json(book.addMembers(requireCaller(c), c.req.valid('param').groupId, c.req.valid('json').contactIds)))
    .delete('/contact-groups/:groupId/members/:contactId',
      describeRoute({ tags, summary: 'Take a contact out of a group', parameters: [pathParameter('groupId', 'Group id'), pathParameter('contactId', 'Contact id')], responses: { 204: noContent('Removed') } }),
      valid('param', MemberParams),
      (c) => {
        book.removeMember(requireCaller(c), c.req.valid('param').groupId, c.req.valid('param').contactId);
        return c.body(null, 204);
      });
}
