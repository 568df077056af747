import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { EventIdParam } from '../../shared/event-schemas.ts';
import { GuestListOut, RegisterBody, RegisterOut, RegistrationFormOut, RegistrationSettingsBody, RegistrationSettingsOut } from '../../shared/registration-schemas.ts';
import type { RegistrationService } from '../scheduling/registration-service.ts';
import { requireCaller, signedIn } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/context.ts';
import { jsonContent, problem } from '../http/openapi-helpers.ts';
import { valid } from '../http/validation.ts';
import { eventIdParameter } from './scheduling-params.ts';

const tags = ['Registration'];
const parameters = [eventIdParameter];

/** Registration (EV-5): the organizer's settings and registrant list, the public form and sign-up. */
export function registrationRoutes(registration: RegistrationService) {
  return new Hono<AppEnv>()
    .get('/:id/registration',
      describeRoute({ tags, summary: 'Registration settings: on/off, standard fields, custom questions', parameters, responses: { 200: jsonContent(RegistrationSettingsOut, 'Settings'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      (c) => c.json(registration.settings(requireCaller(c), c.req.valid('param').id)))
    .put('/:id/registration',
      describeRoute({ tags, summary: 'Turn registration on or off and choose its fields and questions (text, choice, consent)', parameters, responses: { 200: jsonContent(RegistrationSettingsOut, 'Settings'), 400: problem('Invalid field'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      valid('json', RegistrationSettingsBody),
      (c) => c.json(registration.saveSettings(requireCaller(c), c.req.valid('param').id, c.req.valid('json'))))
    .get('/:id/registration/form',
      describeRoute({ tags, summary: 'The public registration form: event, fields, questions, branding', parameters, responses: { 200: jsonContent(RegistrationFormOut, 'Form'), 404: problem('No such event, or registration is not open (`registration-closed`)') } }),
      valid('param', EventIdParam),
      (c) => c.json(registration.form(c.req.valid('param').id)))
    .post('/:id/registrations',
      describeRoute({
        tags,
        summary: 'Register for an event (public)',
        description: 'The personal join link (for token events, the token) is sent by e-mail, never in this answer. Registering again with the same e-mail returns the existing registration (200) and sends nothing.',
        parameters,
        responses: { 201: jsonContent(RegisterOut, 'Registered; confirmation e-mail queued'), 200: jsonContent(RegisterOut, 'Already registered'), 400: problem('Invalid or missing field'), 404: problem('Registration is not open'), 409: problem('The event has ended'), 429: problem('Too many registrations from this address') },
      }),
      valid('param', EventIdParam),
      valid('json', RegisterBody),
      (c) => {
        const result = registration.register(c.req.valid('param').id, c.req.valid('json'), c.get('clientAddress'));
        return c.json(result, result.created ? 201 : 200);
      })
    .get('/:id/registrants',
      describeRoute({ tags, summary: 'Registrants with their answers and personal links', parameters, responses: { 200: jsonContent(GuestListOut, 'Registrants'), 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      (c) => c.json({ guests: registration.registrants(requireCaller(c), c.req.valid('param').id) }))
    .get('/:id/registrants.csv',
      describeRoute({ tags, summary: 'Registrants as CSV (UTF-8 with BOM)', parameters, responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, 404: problem('No such event in this account') } }),
      signedIn,
      valid('param', EventIdParam),
      (c) => {
        const { filename, csv } = registration.registrantsCsv(requireCaller(c), c.req.valid('param').id);
        return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` });
      });
}
