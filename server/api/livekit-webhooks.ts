import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeRoute } from 'hono-openapi';
import type { WebhookEvent } from 'livekit-server-sdk';
import { AppError } from '../domain/app-error.ts';
import { noContent, problem } from '../http/openapi-helpers.ts';
import { WebhookRefused, type MediaService } from '../media/media-service.ts';

/** LiveKit's events are small; anything bigger is not from LiveKit. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * `POST /webhooks/livekit`: LiveKit tells us who joined or left and which tracks were
 * published. The signature (a JWT in `Authorization` over the SHA-256 of the body, made
 * with our API secret) is checked on the raw bytes before anything is parsed or done;
 * an unsigned or forged call is refused with 401 and changes nothing.
 */
export function liveKitWebhookRoutes(media: MediaService, onEvent: (event: WebhookEvent) => Promise<void>) {
  return new Hono().post('/livekit',
    describeRoute({ tags: ['Webhooks'], summary: 'LiveKit webhook (participant and track events), signed by LiveKit', responses: { 204: noContent('Accepted'), 401: problem('Unsigned or wrongly signed') } }),
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new AppError('payload-too-large', 413, 'This is not a LiveKit webhook.'); } }),
    async (c) => {
      const body = await c.req.text();
      let event: WebhookEvent;
      try {
        event = await media.verifyWebhook(body, c.req.header('authorization'));
      } catch (error) {
        if (error instanceof WebhookRefused) throw new AppError('invalid-signature', 401, error.message);
        throw error;
      }
      await onEvent(event);
      return c.body(null, 204);
    });
}
