import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import {
  AccessBody, CtaClickBody, HeartbeatBody, HeartbeatOut, MessageBody, MessageOut, PollAnswerBody, PollParam, ViewerParam, ViewStartOut, WatchOut,
} from '../../shared/ondemand-schemas.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import type { OnDemandInteractions } from '../ondemand/ondemand-interactions.ts';
import type { OnDemandMessages } from '../ondemand/ondemand-messages.ts';
import type { OnDemandViewers } from '../ondemand/ondemand-viewers.ts';

const tags = ['On-demand viewers'];
const COOKIE = 'od_viewer';
/** API clients send the token from the access answer in this header; browsers use the HttpOnly cookie. */
const HEADER = 'x-viewer-token';
const idParam = { name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const } };
const viewerAuth = { name: HEADER, in: 'header' as const, required: false, description: 'The viewer token (or the od_viewer cookie set by /access)', schema: { type: 'string' as const } };
const AccessOut = v.object({ viewerToken: v.string(), viewerId: v.string() });
const ViewParam = v.object({ ...ViewerParam.entries, viewId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)) });

/**
 * The public side of an on-demand event (OD-1..3): no organizer sign-in; a viewer is
 * known by the signed token the lead gate (or the anonymous pass) gave them.
 */
export function onDemandViewerRoutes(deps: { viewers: OnDemandViewers; interactions: OnDemandInteractions; messages: OnDemandMessages; secureCookie: () => boolean; userName: (userId: string) => string }) {
  const { viewers, interactions, messages } = deps;
  const token = (c: Context<AppEnv>) => c.req.header(HEADER) ?? getCookie(c, COOKIE);
  /** The event's own organizer (their session or API key), proved by the caller, never by anything in the body. */
  const organizerOf = (c: Context<AppEnv>, event: { accountId: string }) => {
    const caller = c.get('caller');
    return caller && caller.accountId === event.accountId ? { userId: caller.userId, name: deps.userName(caller.userId) } : undefined;
  };
  const who = (c: Context<AppEnv>, publicId: number) => {
    const event = viewers.event(publicId);
    return { event, viewer: viewers.requireViewer(event, token(c)) };
  };
  const parameters = [idParam, viewerAuth];
  return new Hono<AppEnv>()
    .get('/:id',
      describeRoute({ tags, summary: 'The on-demand event as its viewer sees it: settings, and with a viewer token the timeline, signed file links and polls', security: [], parameters, responses: { 200: jsonContent(WatchOut, 'The event'), 404: problem('No on-demand event with this id') } }),
      valid('param', ViewerParam),
      (c) => {
        const event = viewers.event(c.req.valid('param').id);
        return c.json(viewers.watch(event, viewers.viewerOf(event, token(c)), organizerOf(c, event) !== undefined));
      })
    .post('/:id/access',
      describeRoute({
        tags, security: [], parameters: [idParam],
        summary: 'Pass the event\'s access rule (its password, or a personal link\'s token, as for the live join: the link counts as used and where it was used is recorded; a used single-use link is refused) and the lead gate (e-mail, name if asked, consent): the address joins the organizer\'s contact group; without a gate, an anonymous pass. A personal link brings its person\'s e-mail and name. The event\'s organizer (session or API key) is let in without password, link or gate, and is not counted as a viewer. Limited per client address and per e-mail (429 with Retry-After)',
        responses: { 200: jsonContent(AccessOut, 'The viewer token (also set as an HttpOnly cookie)'), 400: problem('Invalid field'), 401: problem('The event needs its password (`password-required`) or a personal link (`token-required`)'), 403: problem('Wrong password, or a personal link that is not valid (revoked, expired, used)'), 404: problem('No on-demand event'), 422: problem('The gate needs the e-mail, the name or the consent'), 429: problem('Too many attempts from this address or for this e-mail') },
      }),
      valid('param', ViewerParam),
      valid('json', AccessBody),
      async (c) => {
        const event = viewers.event(c.req.valid('param').id);
        const viewer = await viewers.access(event, c.req.valid('json'), { address: c.get('clientAddress'), userAgent: c.req.header('user-agent'), organizer: organizerOf(c, event) });
        const viewerToken = viewers.token(viewer.id);
        setCookie(c, COOKIE, viewerToken, { path: `/api/v1/ondemand/${event.publicId}`, httpOnly: true, sameSite: 'Lax', secure: deps.secureCookie(), maxAge: 365 * 24 * 3600 });
        return c.json({ viewerToken, viewerId: viewer.id });
      })
    .post('/:id/views',
      describeRoute({ tags, security: [], parameters, summary: 'Start a viewing session (a forbidden seek is measured from its start)', responses: { 201: jsonContent(ViewStartOut, 'The session and where to resume'), 401: problem('No viewer token') } }),
      valid('param', ViewerParam),
      (c) => c.json(viewers.startView(who(c, c.req.valid('param').id).viewer), 201))
    .post('/:id/views/:viewId/heartbeats',
      describeRoute({
        tags, security: [], parameters: [...parameters, { name: 'viewId', in: 'path' as const, required: true, schema: { type: 'string' as const } }],
        summary: 'Report the position and the watched ranges; with seeking forbidden, progress further than the wall time since the session began (plus 5 s) is refused whole',
        responses: { 200: jsonContent(HeartbeatOut, 'Merged'), 400: problem('Invalid field'), 401: problem('No viewer token'), 404: problem('No such session'), 409: problem('Implausible progress (the reason says why); nothing saved') },
      }),
      valid('param', ViewParam),
      valid('json', HeartbeatBody),
      (c) => {
        const p = c.req.valid('param');
        const { event, viewer } = who(c, p.id);
        return c.json(viewers.heartbeat(event, viewer, p.viewId, c.req.valid('json')));
      })
    .post('/:id/cta-clicks',
      describeRoute({ tags, security: [], parameters, summary: 'Count a click on a call to action of the timeline', responses: { 200: jsonContent(v.object({ clicks: v.number(), url: v.string() }), 'Counted'), 404: problem('No such CTA in this timeline') } }),
      valid('param', ViewerParam),
      valid('json', CtaClickBody),
      (c) => {
        const { event, viewer } = who(c, c.req.valid('param').id);
        return c.json(interactions.ctaClick(event, viewer, c.req.valid('json').itemId));
      })
    .post('/:id/polls/:pollId/answers',
      describeRoute({ tags, security: [], parameters: [...parameters, { name: 'pollId', in: 'path' as const, required: true, schema: { type: 'string' as const } }], summary: 'Answer a poll the timeline opens (every answer checked first; a bad one saves nothing)', responses: { 201: jsonContent(v.object({ answered: v.number() }), 'Saved'), 404: problem('The poll is not part of this webinar'), 409: problem('Answered already'), 422: problem('A question or choice that is not in the poll') } }),
      valid('param', PollParam),
      valid('json', PollAnswerBody),
      (c) => {
        const p = c.req.valid('param');
        const { event, viewer } = who(c, p.id);
        return c.json(interactions.answer(event, viewer, p.pollId, c.req.valid('json')), 201);
      })
    .get('/:id/polls/:pollId/results',
      describeRoute({ tags, security: [], parameters: [...parameters, { name: 'pollId', in: 'path' as const, required: true, schema: { type: 'string' as const } }], summary: 'A poll\'s results, once the viewer reached the moment the timeline shows them', responses: { 200: { description: 'Votes per choice' }, 403: problem('Not shown (yet)'), 404: problem('The poll is not part of this webinar') } }),
      valid('param', PollParam),
      (c) => {
        const p = c.req.valid('param');
        const { event, viewer } = who(c, p.id);
        return c.json(interactions.results(event, viewer, p.pollId));
      })
    .get('/:id/messages',
      describeRoute({ tags, security: [], parameters, summary: 'The viewer\'s own messages and their answers', responses: { 200: jsonContent(v.object({ messages: v.array(MessageOut) }), 'Messages') } }),
      valid('param', ViewerParam),
      (c) => {
        const { event, viewer } = who(c, c.req.valid('param').id);
        return c.json({ messages: messages.list(event, viewer.id) });
      })
    .post('/:id/messages',
      describeRoute({ tags, security: [], parameters, summary: 'Leave a message for the organizer (plain text, at most 2,000 characters; the answer comes by e-mail)', responses: { 201: jsonContent(MessageOut, 'Sent'), 400: problem('Empty, too long or with HTML'), 422: problem('No e-mail address to answer to'), 429: problem('Too many messages') } }),
      valid('param', ViewerParam),
      valid('json', MessageBody),
      (c) => {
        const { event, viewer } = who(c, c.req.valid('param').id);
        return c.json(messages.leave(event, viewer, c.req.valid('json')), 201);
      });
}
