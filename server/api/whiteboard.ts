import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { EventIdParam } from '../../shared/event-schemas.ts';
import { AppError } from '../domain/app-error.ts';
import type { EventsService } from '../domain/events-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import { boardPageCount, renderBoardSvg } from '../whiteboard/board-svg.ts';
import { svgToPng } from '../whiteboard/board-png.ts';
import type { WhiteboardHub } from '../whiteboard/whiteboard-hub.ts';

const tags = ['Whiteboard'];
const PageQuery = v.object({
  page: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'The page is a number from 1.'), v.transform(Number), v.minValue(1, 'Pages are numbered from 1.'))),
});
const parameters = [
  { name: 'id', in: 'path' as const, required: true, description: 'The numeric event id', schema: { type: 'string' as const, pattern: '^\\d+$' } },
  { name: 'page', in: 'query' as const, required: false, description: 'One page (from 1); all pages one below the other when left out', schema: { type: 'string' as const, pattern: '^\\d+$' } },
];
const responses = (type: string) => ({
  200: { description: `The board as ${type === 'image/png' ? 'PNG' : 'SVG'}`, content: { [type]: { schema: { type: 'string' as const, format: 'binary' } } } },
  400: problem('Invalid page'),
  401: problem('Not logged in'),
  404: problem('No such event in this account, or no such page'),
});

/**
 * The whiteboard export for the organizer (ROOM-10): the board as it is now, as SVG or
 * PNG, for events of the caller's own account only.
 */
export function whiteboardRoutes(events: EventsService, boards: WhiteboardHub) {
  const render = (c: Context<AppEnv>, publicId: number, page: number | undefined) => {
    const event = events.owned(requireCaller(c), publicId);
    const doc = boards.copyOfBoard(event.id);
    try {
      if (page !== undefined && page > boardPageCount(doc)) throw new AppError('not-found', 404, `The board has no page ${page}.`);
      return { event, ...renderBoardSvg(doc, { page }) };
    } finally {
      doc.destroy();
    }
  };
  const filename = (publicId: number, page: number | undefined, ext: string) => `whiteboard-${publicId}${page ? `-page-${page}` : ''}.${ext}`;

  return new Hono<AppEnv>()
    .get('/:id/whiteboard.svg',
      describeRoute({ tags, summary: 'Export the event\'s whiteboard as SVG', parameters, responses: responses('image/svg+xml') }),
      signedIn,
      valid('param', EventIdParam),
      valid('query', PageQuery),
      (c) => {
        const { id } = c.req.valid('param');
        const { page } = c.req.valid('query');
        const { svg } = render(c, id, page);
        return c.body(svg, 200, {
          'content-type': 'image/svg+xml; charset=utf-8',
          'content-disposition': `attachment; filename="${filename(id, page, 'svg')}"`,
          // Opened directly, the picture may not run anything (it contains no script anyway).
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        });
      })
    .get('/:id/whiteboard.png',
      describeRoute({ tags, summary: 'Export the event\'s whiteboard as PNG', parameters, responses: responses('image/png') }),
      signedIn,
      valid('param', EventIdParam),
      valid('query', PageQuery),
      async (c) => {
        const { id } = c.req.valid('param');
        const { page } = c.req.valid('query');
        const { svg, width, height } = render(c, id, page);
        const png = await svgToPng(svg, { width, height });
        return c.body(png as Uint8Array<ArrayBuffer>, 200, {
          'content-type': 'image/png',
          'content-disposition': `attachment; filename="${filename(id, page, 'png')}"`,
        });
      });
}
