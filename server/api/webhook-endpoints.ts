import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import * as v from 'valibot';
import { WebhookDeliveryOut, WebhookEndpointBody, WebhookEndpointOut, WebhookEndpointPatch } from '../../shared/webhook-schemas.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, noContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import type { WebhookService } from '../webhooks/webhook-service.ts';
import { pathParameter } from './scheduling-params.ts';

const tags = ['Webhooks'];
const IdParam = v.object({ id: v.pipe(v.string(), v.maxLength(64)) });
const DeliveriesQuery = v.object({
  endpointId: v.optional(v.pipe(v.string(), v.maxLength(64))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'A whole number.'), v.transform(Number), v.minValue(1), v.maxValue(1000)), '100'),
});

/** Outgoing webhooks (POST-4): endpoints, the delivery log and "Resend". */
export function webhookRoutes(webhooks: WebhookService) {
  const idParameters = [pathParameter('id', 'Endpoint id')];
  return new Hono<AppEnv>()
    .use('/webhook-endpoints/*', signedIn)
    .use('/webhook-endpoints', signedIn)
    .use('/webhook-deliveries/*', signedIn)
    .use('/webhook-deliveries', signedIn)
    .get('/webhook-endpoints',
      describeRoute({ tags, summary: 'The account’s webhook endpoints with their signing secrets', responses: { 200: jsonContent(v.object({ endpoints: v.array(WebhookEndpointOut) }), 'Endpoints') } }),
      (c) => c.json({ endpoints: webhooks.list(requireCaller(c).accountId) }))
    .post('/webhook-endpoints',
      describeRoute({ tags, summary: 'Register an endpoint (loopback, private, link-local and metadata addresses are refused unless WEBHOOK_ALLOW_PRIVATE allows them)', responses: { 201: jsonContent(WebhookEndpointOut, 'The endpoint with its secret'), 400: problem('Invalid field or forbidden destination') } }),
      valid('json', WebhookEndpointBody),
      (c) => c.json(webhooks.create(requireCaller(c).accountId, c.req.valid('json')), 201))
    .patch('/webhook-endpoints/:id',
      describeRoute({ tags, summary: 'Change an endpoint’s URL, events or switch it off', parameters: idParameters, responses: { 200: jsonContent(WebhookEndpointOut, 'The endpoint'), 400: problem('Invalid field'), 404: problem('No such endpoint') } }),
      valid('param', IdParam),
      valid('json', WebhookEndpointPatch),
      (c) => c.json(webhooks.update(requireCaller(c).accountId, c.req.valid('param').id, c.req.valid('json'))))
    .delete('/webhook-endpoints/:id',
      describeRoute({ tags, summary: 'Remove an endpoint and its log', parameters: idParameters, responses: { 204: noContent('Removed'), 404: problem('No such endpoint') } }),
      valid('param', IdParam),
      (c) => {
        webhooks.remove(requireCaller(c).accountId, c.req.valid('param').id);
        return c.body(null, 204);
      })
    .get('/webhook-deliveries',
      describeRoute({ tags, summary: 'The delivery log, newest first: status, response code, attempts', parameters: [{ name: 'endpointId', in: 'query', required: false, schema: { type: 'string' } }, { name: 'limit', in: 'query', required: false, schema: { type: 'string' } }], responses: { 200: jsonContent(v.object({ deliveries: v.array(WebhookDeliveryOut) }), 'Deliveries') } }),
      valid('query', DeliveriesQuery),
      (c) => c.json({ deliveries: webhooks.deliveries(requireCaller(c).accountId, c.req.valid('query')) }))
    .post('/webhook-deliveries/:id/resend',
      describeRoute({ tags, summary: 'Send a delivery again now, with the same webhook-id', parameters: [pathParameter('id', 'Delivery id')], responses: { 200: jsonContent(WebhookDeliveryOut, 'The delivery'), 404: problem('No such delivery') } }),
      valid('param', IdParam),
      (c) => c.json(webhooks.resend(requireCaller(c).accountId, c.req.valid('param').id)));
}
