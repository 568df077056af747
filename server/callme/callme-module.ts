import { createAuthContext, matchMaker } from '@colyseus/core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../domain/app-error.ts';
import type { Logger } from '../logger.ts';
import { callmeRoutes } from '../api/callme.ts';
import { isOpenAt } from '../../shared/callme-hours.ts';
import { CALLME_ROOM_NAME } from '../../shared/callme-room.ts';
import type { PublicPackageOut } from '../../shared/callme-schemas.ts';
import type { AppEnv } from '../http/context.ts';
import { ChatQueueStore } from './chat-queue-store.ts';
import { ConsultantsStore } from './consultants-store.ts';
import { loaderFor } from './loader-bundle.ts';
import { createPackageRoom } from './package-room.ts';
import { PackagesStore, type CallmePackage } from './packages-store.ts';
import { CallsStore } from './calls-store.ts';
import type { MeetingMaker } from './call-desk.ts';
import { chatHistoryMail } from './chat-history-mail.ts';
import type { MediaService } from '../media/media-service.ts';
import type { NewMail } from '../mail/mail-queue.ts';

export interface CallmeDeps {
  db: Db;
  secret: string;
  baseUrl: () => string;
  logger: Logger;
  /** Built client (dist/client): the widget frame and the call page are routes of the app. */
  clientDir: string;
  secureCookie: () => boolean;
  /** Read late: both are built after this module in server.ts. */
  media?: () => MediaService | undefined;
  mail?: () => { enqueue(mail: NewMail): boolean } | undefined;
  meetings?: MeetingMaker;
}

export interface CallmeServices {
  packages: PackagesStore;
  consultants: ConsultantsStore;
  chats: ChatQueueStore;
  publicPackage(id: string): PublicPackageOut;
  requirePackage(id: string): CallmePackage;
}

const RoomJoin = v.object({ packageId: v.string() });

/**
 * The click-to-call and chat button (SPEC §9): REST under /api/v1/callme, the loader at
 * /w/<id>.js, the widget frame at /w/<id>/frame (embeddable only by the package's
 * websites), its matchmaking, and one Colyseus room per package.
 */
export function buildCallme(deps: CallmeDeps) {
  const packages = new PackagesStore(deps.db, deps.baseUrl);
  const consultants = new ConsultantsStore(deps.db, deps.secret);
  const chats = new ChatQueueStore(deps.db);
  const calls = new CallsStore(deps.db);
  const callMedia = {
    available: () => deps.media?.()?.available ?? false,
    async link(room: string, identity: string, name: string) {
      const credentials = await deps.media?.()?.credentialsForRoom(room, { id: identity, name }, { publish: ['microphone'], subscribe: true });
      return credentials ? { ...credentials, room } : null;
    },
  };
  const onChatClosed = (chatId: string, consultant: { id: string } | undefined) => {
    const who = consultant ? consultants.find(consultant.id) : undefined;
    const chat = chats.chat(chatId);
    const pkg = chat ? packages.find(chat.packageId) : undefined;
    if (!who?.emailChatHistory || !chat || !pkg) return;
    deps.mail?.()?.enqueue(chatHistoryMail(pkg, who, chats.visitorById(chat.visitorId), chats.lines(chatId), chatId));
  };
  const requirePackage = (id: string) => {
    const pkg = packages.find(id);
    if (!pkg) throw notFound('Package');
    return pkg;
  };
  const services: CallmeServices = {
    packages, consultants, chats, requirePackage,
    publicPackage(id) {
      const pkg = requirePackage(id);
      const out = packages.out(pkg);
      return {
        id: pkg.id, companyName: pkg.companyName, companyUrl: pkg.companyUrl, language: pkg.language, timeZone: pkg.timeZone, hours: pkg.hours, button: pkg.button, page: pkg.page,
        logoUrl: out.logoUrl, openNow: isOpenAt(pkg.hours, pkg.timeZone, new Date()), websites: pkg.websites,
        // Offline until the room says otherwise: the page asks the room for live presence.
        consultants: consultants.ofAccount(pkg.accountId).filter((c) => c.mayReceiveCalls).map((c) => ({ id: c.id, firstName: c.firstName, lastName: c.lastName, photoUrl: consultants.out(c).photoUrl, status: 'offline' as const })),
      };
    },
  };

  const indexHtml = () => {
    const file = join(deps.clientDir, 'index.html');
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };

  /** Served before the app-wide secure headers: these two answers set their own framing and caching rules. */
  const embed = new Hono()
    .get('/w/:file{[A-Za-z0-9_-]+\\.js}', (c) => {
      const id = c.req.param('file').slice(0, -3);
      const pkg = packages.find(id);
      if (!pkg) return c.text('/* unknown click-to-call package */', 404, { 'content-type': 'text/javascript; charset=utf-8' });
      const etag = `"${pkg.updatedAt.getTime().toString(36)}"`;
      const headers = { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', etag, 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'cross-origin' };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      return c.body(loaderFor({ packageId: pkg.id, button: pkg.button, websites: pkg.websites }), 200, headers);
    })
    .get('/w/:id/frame', (c) => {
      const pkg = packages.find(c.req.param('id'));
      const html = indexHtml();
      if (!pkg) return c.text('Unknown package.', 404);
      // Only the package's own websites may frame the conversation (and we ourselves, for the call page).
      const ancestors = ["'self'", ...pkg.websites].join(' ');
      const headers = {
        'content-security-policy': `frame-ancestors ${ancestors}`,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'permissions-policy': 'microphone=(self)',
      };
      return html ? c.html(html, 200, headers) : c.text('The browser client is not built yet: run `npm run build`.', 503, headers);
    })
    .post('/matchmake/joinOrCreate/' + CALLME_ROOM_NAME, async (c) => {
      const body: unknown = await c.req.json().catch(() => undefined);
      const parsed = v.safeParse(RoomJoin, body);
      if (!parsed.success || !packages.find(parsed.output.packageId)) return c.json({ code: 'not-found', error: 'No such package.' }, 404);
      try {
        const context = createAuthContext({ headers: Object.fromEntries(c.req.raw.headers), req: c.req.raw });
        return c.json((await matchMaker.joinOrCreate(CALLME_ROOM_NAME, body as Record<string, unknown>, context)) as object);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (error instanceof AppError || typeof code === 'number') return c.json({ code, error: (error as Error).message }, 403);
        deps.logger.error('callme matchmaking failed', error);
        return c.json({ code: 'internal', error: 'The room could not be opened.' }, 500);
      }
    });

  return {
    services,
    /** Mounted under /api/v1. */
    routes: callmeRoutes(services, deps.secureCookie) as Hono<AppEnv>,
    embed,
    defineRooms() {
      matchMaker.defineRoomType(CALLME_ROOM_NAME, createPackageRoom({ packages, consultants, chats, logger: deps.logger, calls: { calls, media: callMedia, meetings: deps.meetings }, onChatClosed })).filterBy(['packageId']);
    },
  };
}
