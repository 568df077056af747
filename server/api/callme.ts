import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import {
  CallbackOrder, CallbackOut, ChatHistoryOut, ConsultantBody, ConsultantLogin, ConsultantOut, ConsultantPatch, PackageBody, PackageIdParam, PackageOut, PackagePatch, PublicPackageOut,
} from '../../shared/callme-schemas.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import { AppError, tooManyRequests, unauthorized } from '../domain/app-error.ts';
import { RateLimiter } from '../domain/rate-limiter.ts';
import type { CallmeServices } from '../callme/callme-module.ts';
import { scaleImage, MAX_IMAGE_BYTES } from '../callme/callme-images.ts';

const tags = ['Click-to-call'];
const CONSULTANT_COOKIE = 'cmsid';
const idParam = [{ name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const } }];
const TwoIds = v.object({ id: v.pipe(v.string(), v.maxLength(64)), sub: v.pipe(v.string(), v.maxLength(64)) });
const imageBody = { content: { 'image/png': { schema: { type: 'string' as const, format: 'binary' } }, 'image/jpeg': { schema: { type: 'string' as const, format: 'binary' } }, 'image/gif': { schema: { type: 'string' as const, format: 'binary' } } } };

const tooLarge = () => {
  throw new AppError('invalid-image', 413, 'The picture must be a file of at most 2 MB.', [{ field: 'body', message: 'At most 2 MB.' }]);
};
/** Counts the bytes as they arrive: a body sent without a length (chunked) is stopped at 2 MB too. */
const imageLimit = bodyLimit({ maxSize: MAX_IMAGE_BYTES, onError: tooLarge });

async function readImage(c: Context<AppEnv>): Promise<Uint8Array> {
  const length = Number(c.req.header('content-length') ?? 0);
  if (length > MAX_IMAGE_BYTES) throw new AppError('invalid-image', 413, 'The picture must be a file of at most 2 MB.', [{ field: 'body', message: 'At most 2 MB.' }]);
  return new Uint8Array(await c.req.arrayBuffer());
}

/** REST of the click-to-call and chat button: the organizer's packages and consultants, the consultant app, the public side. */
export function callmeRoutes(s: CallmeServices, secureCookie: () => boolean) {
  const visitorsPerAddress = new RateLimiter(20, 60_000);
  const callbacksPerAddress = new RateLimiter(5, 60_000);

  const organizer = new Hono<AppEnv>()
    .use('*', signedIn)
    .get('/packages', describeRoute({ tags, summary: 'The account’s packages', responses: { 200: jsonContent(v.object({ packages: v.array(PackageOut) }), 'Packages') } }),
      (c) => c.json({ packages: s.packages.list(requireCaller(c).accountId) }))
    .post('/packages', describeRoute({ tags, summary: 'Create a package (button, call page, working hours)', responses: { 201: jsonContent(PackageOut, 'The package with its snippet'), 400: problem('Invalid field') } }),
      valid('json', PackageBody), (c) => c.json(s.packages.create(requireCaller(c).accountId, c.req.valid('json')), 201))
    .get('/packages/:id', describeRoute({ tags, summary: 'One package', parameters: idParam, responses: { 200: jsonContent(PackageOut, 'The package'), 404: problem('No such package') } }),
      valid('param', PackageIdParam), (c) => { const pkg = s.packages.get(requireCaller(c).accountId, c.req.valid('param').id); return c.json(s.packages.out(pkg)); })
    .patch('/packages/:id', describeRoute({ tags, summary: 'Change a package; the snippet loads the new settings at the next page load', parameters: idParam, responses: { 200: jsonContent(PackageOut, 'The package'), 400: problem('Invalid field'), 404: problem('No such package') } }),
      valid('param', PackageIdParam), valid('json', PackagePatch), (c) => c.json(s.packages.update(requireCaller(c).accountId, c.req.valid('param').id, c.req.valid('json'))))
    .delete('/packages/:id', describeRoute({ tags, summary: 'Delete a package with its chats and callbacks', parameters: idParam, responses: { 204: noContent('Deleted'), 404: problem('No such package') } }),
      valid('param', PackageIdParam), (c) => { s.packages.delete(requireCaller(c).accountId, c.req.valid('param').id); return c.body(null, 204); })
    .put('/packages/:id/logo', describeRoute({ tags, summary: 'Upload the logo (PNG, JPG, GIF; scaled to at most 300×100)', parameters: idParam, requestBody: imageBody, responses: { 200: jsonContent(PackageOut, 'The package'), 400: problem('Not a picture, or too large') } }),
      valid('param', PackageIdParam), imageLimit, async (c) => {
        const accountId = requireCaller(c).accountId;
        s.packages.get(accountId, c.req.valid('param').id);
        return c.json(s.packages.setLogo(accountId, c.req.valid('param').id, await scaleImage(await readImage(c), 300, 100, 'logo')));
      })
    .get('/packages/:id/callbacks', describeRoute({ tags, summary: 'Calls ordered by visitors, by time', parameters: idParam, responses: { 200: jsonContent(v.object({ callbacks: v.array(CallbackOut) }), 'Callbacks') } }),
      valid('param', PackageIdParam), (c) => c.json({ callbacks: s.packages.callbacks(requireCaller(c).accountId, c.req.valid('param').id) }))
    .post('/packages/:id/callbacks/:sub/done', describeRoute({ tags, summary: 'Mark an ordered call as done', responses: { 200: jsonContent(CallbackOut, 'The callback'), 404: problem('No such callback') } }),
      valid('param', TwoIds), (c) => c.json(s.packages.markCallbackDone(requireCaller(c).accountId, c.req.valid('param').id, c.req.valid('param').sub)))
    .get('/packages/:id/chats', describeRoute({ tags, summary: 'Chat histories of the package, newest first', parameters: idParam, responses: { 200: jsonContent(v.object({ chats: v.array(ChatHistoryOut) }), 'Chats') } }),
      valid('param', PackageIdParam), (c) => {
        s.packages.get(requireCaller(c).accountId, c.req.valid('param').id);
        const chats = s.chats.histories(c.req.valid('param').id, 100).map((h) => ({ id: h.id, visitorId: h.visitorId, consultantId: h.consultantId, state: h.state, createdAt: h.queuedAt.toISOString(), closedAt: h.closedAt?.toISOString() ?? null, messages: h.lines.map((l) => ({ author: l.author, body: l.body, kind: l.kind, at: l.at })) }));
        return c.json({ chats });
      })
    .get('/consultants', describeRoute({ tags, summary: 'The account’s consultants', responses: { 200: jsonContent(v.object({ consultants: v.array(ConsultantOut) }), 'Consultants') } }),
      (c) => c.json({ consultants: s.consultants.list(requireCaller(c).accountId) }))
    .post('/consultants', describeRoute({ tags, summary: 'Create a consultant account', responses: { 201: jsonContent(ConsultantOut, 'The consultant'), 400: problem('Invalid field'), 409: problem('E-mail taken') } }),
      valid('json', ConsultantBody), async (c) => c.json(await s.consultants.create(requireCaller(c).accountId, c.req.valid('json')), 201))
    .patch('/consultants/:id', describeRoute({ tags, summary: 'Change a consultant', parameters: idParam, responses: { 200: jsonContent(ConsultantOut, 'The consultant'), 404: problem('No such consultant') } }),
      valid('param', PackageIdParam), valid('json', ConsultantPatch), async (c) => c.json(await s.consultants.update(requireCaller(c).accountId, c.req.valid('param').id, c.req.valid('json'))))
    .delete('/consultants/:id', describeRoute({ tags, summary: 'Delete a consultant', parameters: idParam, responses: { 204: noContent('Deleted'), 404: problem('No such consultant') } }),
      valid('param', PackageIdParam), (c) => { s.consultants.delete(requireCaller(c).accountId, c.req.valid('param').id); return c.body(null, 204); })
    .put('/consultants/:id/photo', describeRoute({ tags, summary: 'Upload a consultant’s photo (scaled to at most 150×150)', parameters: idParam, requestBody: imageBody, responses: { 200: jsonContent(ConsultantOut, 'The consultant'), 400: problem('Not a picture, or too large') } }),
      valid('param', PackageIdParam), imageLimit, async (c) => {
        const accountId = requireCaller(c).accountId;
        s.consultants.get(accountId, c.req.valid('param').id);
        return c.json(s.consultants.setPhoto(accountId, c.req.valid('param').id, await scaleImage(await readImage(c), 150, 150, 'photo')));
      });

  const consultantOf = (c: Context<AppEnv>) => {
    const token = getCookie(c, CONSULTANT_COOKIE);
    const consultant = token ? s.consultants.fromSession(token) : undefined;
    if (!consultant) throw unauthorized('Log in to the consultant app.');
    return consultant;
  };
  const consultantApp = new Hono<AppEnv>()
    .post('/login', describeRoute({ tags, summary: 'Consultant log-in (sets the consultant session cookie)', responses: { 200: jsonContent(ConsultantOut, 'The consultant'), 401: problem('Wrong e-mail or password') } }),
      valid('json', ConsultantLogin), async (c) => {
        const { email, password } = c.req.valid('json');
        const { consultant, sessionToken } = await s.consultants.login(email, password, c.get('clientAddress'));
        setCookie(c, CONSULTANT_COOKIE, sessionToken, { httpOnly: true, sameSite: 'Lax', path: '/', secure: secureCookie(), maxAge: 30 * 86400 });
        return c.json(consultant);
      })
    .post('/logout', describeRoute({ tags, summary: 'Consultant log-out', responses: { 204: noContent('Logged out') } }), (c) => {
      const token = getCookie(c, CONSULTANT_COOKIE);
      if (token) s.consultants.logout(token);
      deleteCookie(c, CONSULTANT_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .get('/me', describeRoute({ tags, summary: 'The consultant, the packages they answer for and a room ticket for each', responses: { 200: { description: 'The consultant app’s start data' }, 401: problem('Not logged in') } }), (c) => {
      const consultant = consultantOf(c);
      return c.json({ consultant: s.consultants.out(consultant), packages: s.packages.list(consultant.accountId).map((p) => ({ id: p.id, name: p.name, companyName: p.companyName })), ticket: s.consultants.roomTicket(consultant.id) });
    })
    .get('/packages/:id/callbacks', describeRoute({ tags, summary: 'Ordered calls, for the consultant', parameters: idParam, responses: { 200: jsonContent(v.object({ callbacks: v.array(CallbackOut) }), 'Callbacks') } }),
      valid('param', PackageIdParam), (c) => c.json({ callbacks: s.packages.callbacks(consultantOf(c).accountId, c.req.valid('param').id) }));

  const publicSide = new Hono<AppEnv>()
    .get('/consultants/:id/photo', describeRoute({ tags, summary: 'A consultant’s photo (public)', parameters: idParam, responses: { 200: { description: 'The photo', ...imageBody }, 404: problem('No photo') } }),
      valid('param', PackageIdParam), (c) => {
      const photo = s.consultants.photo(c.req.valid('param').id);
      if (!photo) throw new AppError('not-found', 404, 'No photo.');
      return c.body(new Uint8Array(photo.data), 200, { 'content-type': photo.type, 'cache-control': 'public, max-age=300' });
    })
    .get('/:id', describeRoute({ tags, summary: 'What the call page and the widget show (public)', parameters: idParam, responses: { 200: jsonContent(PublicPackageOut, 'The package'), 404: problem('No such package') } }),
      valid('param', PackageIdParam), (c) => c.json(s.publicPackage(c.req.valid('param').id)))
    .get('/:id/logo', describeRoute({ tags, summary: 'The package’s logo (public)', parameters: idParam, responses: { 200: { description: 'The logo', ...imageBody }, 404: problem('No logo') } }),
      valid('param', PackageIdParam), (c) => {
      const logo = s.packages.logo(c.req.valid('param').id);
      if (!logo) throw new AppError('not-found', 404, 'No logo.');
      return c.body(new Uint8Array(logo.data), 200, { 'content-type': logo.type, 'cache-control': 'public, max-age=300' });
    })
    .post('/:id/visitor', describeRoute({ tags, summary: 'A visitor token for the package room (kept in the frame’s storage)', parameters: idParam, responses: { 200: jsonContent(v.object({ token: v.string() }), 'The token'), 429: problem('Too many from one address') } }),
      valid('param', PackageIdParam), valid('json', v.object({ token: v.optional(v.pipe(v.string(), v.maxLength(100))) })), (c) => {
        const pkg = s.requirePackage(c.req.valid('param').id);
        const address = c.get('clientAddress');
        if (!visitorsPerAddress.take(`${pkg.id}:${address}`)) throw tooManyRequests('Too many chats from this address; wait a minute.');
        return c.json({ token: s.chats.visitor(pkg.id, c.req.valid('json').token, address, c.req.header('user-agent') ?? '').token });
      })
    .post('/:id/callbacks', describeRoute({ tags, summary: 'Order a call (date not in the past, a time within that day’s working hours in the package zone)', parameters: idParam, responses: { 201: jsonContent(CallbackOut, 'The order'), 400: problem('Invalid field, past or outside the hours'), 429: problem('Too many orders') } }),
      valid('param', PackageIdParam), valid('json', CallbackOrder), (c) => {
        const pkg = s.requirePackage(c.req.valid('param').id);
        const address = c.get('clientAddress');
        if (!callbacksPerAddress.take(`${pkg.id}:${address}`)) throw tooManyRequests('Too many orders from this address; wait a minute.');
        return c.json(s.packages.orderCallback(pkg, c.req.valid('json'), address), 201);
      });

  return new Hono<AppEnv>().route('/callme/consultant', consultantApp).route('/callme/public', publicSide).route('/callme', organizer);
}

