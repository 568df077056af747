import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { AppearanceBody, ReminderSettingsBody, ReminderSettingsOut } from '../../shared/appearance-schemas.ts';
import { EventIdParam } from '../../shared/event-schemas.ts';
import { BrandingOut } from '../../shared/registration-schemas.ts';
import { AppError } from '../domain/app-error.ts';
import { MAX_IMAGE_BYTES, type AppearanceService } from '../scheduling/appearance-service.ts';
import type { Reminders } from '../scheduling/reminders.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import { eventIdParameter, pathParameter } from './scheduling-params.ts';

const ImageParams = v.object({ ...EventIdParam.entries, kind: v.picklist(['logo', 'background'], 'The image is `logo` or `background`.') });
const imageParameters = [eventIdParameter, pathParameter('kind', '`logo` or `background`')];
const tooLarge = () => {
  throw new AppError('image-too-large', 413, 'The image may be at most 2 MB.');
};

/** An event's appearance (EV-8) and its reminders and thank-you e-mail settings. */
export function eventSetupRoutes(appearance: AppearanceService, reminders: Reminders) {
  const tags = ['Appearance and reminders'];
  return new Hono<AppEnv>()
    .get('/:id/appearance',
      describeRoute({ tags, summary: 'Colours, logo and background image (public: the registration, join, waiting and thank-you pages use it)', parameters: [eventIdParameter], responses: { 200: jsonContent(BrandingOut, 'Branding'), 404: problem('No such event') } }),
      valid('param', EventIdParam),
      (c) => c.json(appearance.publicBranding(c.req.valid('param').id)))
    .patch('/:id/appearance',
      describeRoute({ tags, summary: 'Set the colours (#rrggbb; null for the product’s own)', parameters: [eventIdParameter], responses: { 200: jsonContent(BrandingOut, 'Branding'), 400: problem('Invalid colour'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      valid('json', AppearanceBody),
      (c) => c.json(appearance.save(requireCaller(c), c.req.valid('param').id, c.req.valid('json'))))
    .put('/:id/appearance/:kind',
      describeRoute({ tags, summary: 'Upload the logo or background image: the raw PNG, JPEG, WebP or GIF bytes as the body, at most 2 MB', parameters: imageParameters, requestBody: { content: { 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } }, responses: { 200: jsonContent(BrandingOut, 'Branding'), 413: problem('Too large'), 415: problem('Not an image we accept') } }),
      signedIn,
      bodyLimit({ maxSize: MAX_IMAGE_BYTES, onError: tooLarge }),
      valid('param', ImageParams),
      async (c) => {
        const { id, kind } = c.req.valid('param');
        return c.json(appearance.upload(requireCaller(c), id, kind, Buffer.from(await c.req.arrayBuffer())));
      })
    .delete('/:id/appearance/:kind',
      describeRoute({ tags, summary: 'Remove the logo or background image', parameters: imageParameters, responses: { 204: noContent('Removed') } }),
      signedIn,
      valid('param', ImageParams),
      (c) => {
        appearance.removeImage(requireCaller(c), c.req.valid('param').id, c.req.valid('param').kind);
        return c.body(null, 204);
      })
    .get('/:id/appearance/:kind',
      describeRoute({ tags, summary: 'The logo or background image itself (public)', parameters: imageParameters, responses: { 200: { description: 'The image' }, 404: problem('No such image') } }),
      valid('param', ImageParams),
      (c) => {
        const image = appearance.image(c.req.valid('param').id, c.req.valid('param').kind);
        if (c.req.header('if-none-match') === `"${image.hash}"`) return c.body(null, 304);
        return c.body(new Uint8Array(image.bytes), 200, { 'content-type': image.contentType, etag: `"${image.hash}"`, 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' });
      })
    .get('/:id/reminders',
      describeRoute({ tags, summary: 'Reminder e-mails (minutes before the start) and the thank-you e-mail switch', parameters: [eventIdParameter], responses: { 200: jsonContent(ReminderSettingsOut, 'Settings and what is planned'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      (c) => c.json(reminders.settingsOut(requireCaller(c), c.req.valid('param').id)))
    .put('/:id/reminders',
      describeRoute({ tags, summary: 'Choose when reminders go out (default a day and 15 minutes before)', parameters: [eventIdParameter], responses: { 200: jsonContent(ReminderSettingsOut, 'Settings and what is planned'), 400: problem('Invalid field'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      valid('json', ReminderSettingsBody),
      (c) => c.json(reminders.save(requireCaller(c), c.req.valid('param').id, c.req.valid('json'))));
}
