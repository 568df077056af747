import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { EventIdParam } from '../../shared/event-schemas.ts';
import { InviteBody, InviteOut, ResentGuestOut } from '../../shared/invitation-schemas.ts';
import { GuestListOut } from '../../shared/registration-schemas.ts';
import type { InvitationsService } from '../scheduling/invitations-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import { eventIdParameter, pathParameter } from './scheduling-params.ts';

const tags = ['Invitations'];
const GuestParams = v.object({ ...EventIdParam.entries, guestId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });
const guestParameters = [eventIdParameter, pathParameter('guestId', 'A registrant or invitee')];
const GuestsQuery = v.object({ source: v.optional(v.picklist(['registration', 'invitation'])) });

/** Invitations (EV-6) and what can be done to any guest, registrant or invitee: resend, remove. */
export function invitationRoutes(invitations: InvitationsService) {
  return new Hono<AppEnv>()
    .post('/:id/invitations',
      describeRoute({ tags, summary: 'Invite presenters or attendees: pasted addresses, one by one, or contacts and groups of the address book', parameters: [eventIdParameter], responses: { 201: jsonContent(InviteOut, 'Invited; invitations queued'), 400: problem('Invalid field'), 404: problem('No such event, contact or group'), 409: problem('The event has ended') } }),
      signedIn,
      valid('param', EventIdParam),
      valid('json', InviteBody),
      (c) => c.json(invitations.invite(requireCaller(c), c.req.valid('param').id, c.req.valid('json')), 201))
    .get('/:id/invitations',
      describeRoute({ tags, summary: 'Invitees with their personal links and when they were last mailed', parameters: [eventIdParameter], responses: { 200: jsonContent(GuestListOut, 'Invitees'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      (c) => c.json({ guests: invitations.list(requireCaller(c), c.req.valid('param').id, 'invitation') }))
    .get('/:id/guests',
      describeRoute({ tags, summary: 'Everyone invited or registered', parameters: [eventIdParameter], responses: { 200: jsonContent(GuestListOut, 'Guests'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      valid('query', GuestsQuery),
      (c) => c.json({ guests: invitations.list(requireCaller(c), c.req.valid('param').id, c.req.valid('query').source) }))
    .post('/:id/guests/:guestId/resend',
      describeRoute({ tags, summary: 'Send the invitation or registration confirmation again, with the same personal link', parameters: guestParameters, responses: { 200: jsonContent(ResentGuestOut, 'The guest, and whether the e-mail was queued or kept in the outbox'), 404: problem('No such guest') } }),
      signedIn,
      valid('param', GuestParams),
      (c) => c.json(invitations.resend(requireCaller(c), c.req.valid('param').id, c.req.valid('param').guestId)))
    .delete('/:id/guests/:guestId',
      describeRoute({ tags, summary: 'Remove a registrant or invitee; their personal link stops working', parameters: guestParameters, responses: { 204: noContent('Removed'), 404: problem('No such guest') } }),
      signedIn,
      valid('param', GuestParams),
      (c) => {
        invitations.remove(requireCaller(c), c.req.valid('param').id, c.req.valid('param').guestId);
        return c.body(null, 204);
      });
}
