import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { EventIdParam } from '../../shared/event-schemas.ts';
import { PresentationOpenBody, PresentationOut, PresentationPageBody, StagePresentationOut } from '../../shared/presentation-schemas.ts';
import type { EventsService } from '../domain/events-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import { presentationOut, type PresentationService } from '../presentation/presentation-service.ts';

const tags = ['Stage'];
const parameters = [{ name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const }, description: 'The event\'s public id' }];

/**
 * The stage's presentation over REST (ROOM-12): open a library file on an event's stage,
 * go to a page, close it. The same rules as the room's presenters (PresentationService);
 * an open room hears of the change and shows it at once (`tell`).
 */
export function stagePresentationRoutes(events: EventsService, presentations: PresentationService, tell: (eventId: string) => void) {
  return new Hono<AppEnv>()
    .get('/:id/stage/presentation', signedIn,
      describeRoute({ tags, summary: 'The presentation on the event\'s stage, if any', parameters, responses: { 200: jsonContent(StagePresentationOut, 'The presentation (null when none)'), 404: problem('No such event in this account') } }),
      valid('param', EventIdParam),
      (c) => {
        const current = presentations.current(events.owned(requireCaller(c), c.req.valid('param').id).id);
        return c.json({ presentation: current ? presentationOut(current) : null });
      })
    .put('/:id/stage/presentation', signedIn,
      describeRoute({
        tags,
        summary: 'Open a presentation from the file library on the stage (it becomes everyone\'s main view)',
        parameters,
        responses: {
          200: jsonContent(PresentationOut, 'Now on the stage'),
          400: problem('Invalid field'),
          404: problem('No such event or file in this account'),
          409: problem('The file is still being converted, or the event has ended'),
          422: problem('Not a presentation, its conversion failed, or no such page'),
        },
      }),
      valid('param', EventIdParam),
      valid('json', PresentationOpenBody),
      (c) => {
        const event = events.owned(requireCaller(c), c.req.valid('param').id);
        const body = c.req.valid('json');
        const opened = presentations.open(event, body.fileId, body.page);
        tell(event.id);
        return c.json(presentationOut(opened));
      })
    .put('/:id/stage/presentation/page', signedIn,
      describeRoute({ tags, summary: 'Show another page of the stage\'s presentation', parameters, responses: { 200: jsonContent(PresentationOut, 'The page is shown'), 400: problem('Invalid field'), 409: problem('No presentation is open, or the event has ended'), 422: problem('No such page') } }),
      valid('param', EventIdParam),
      valid('json', PresentationPageBody),
      (c) => {
        const event = events.owned(requireCaller(c), c.req.valid('param').id);
        const shown = presentations.goTo(event, c.req.valid('json').page);
        tell(event.id);
        return c.json(presentationOut(shown));
      })
    .delete('/:id/stage/presentation', signedIn,
      describeRoute({ tags, summary: 'Take the presentation off the stage', parameters, responses: { 204: noContent('Closed'), 409: problem('No presentation is open') } }),
      valid('param', EventIdParam),
      (c) => {
        const event = events.owned(requireCaller(c), c.req.valid('param').id);
        presentations.close(event);
        tell(event.id);
        return c.body(null, 204);
      });
}
