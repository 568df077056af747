import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, newOrganizer } from '../support/api-client.ts';
import { outbox } from '../support/outbox.ts';
import { eventually } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * The real Resend client code path (our transport, the `resend` SDK, its HTTP request)
 * against a stand-in for Resend's API on loopback: no message leaves the machine.
 */
const received: { headers: IncomingHttpHeaders; body: any }[] = [];
/** The stand-in answers only once this opens: a request that waited for the mail server would hang. */
let openGate: () => void = () => undefined;
let gate: Promise<void> = Promise.resolve();
let stub: Server;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  stub = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => void gate.then(() => {
      const body = JSON.parse(text);
      received.push({ headers: request.headers, body });
      const to: string = body.to[0];
      const [status, answer] = to.startsWith('down@') ? [503, { name: 'internal_server_error', message: 'Try later', statusCode: 503 }]
        : to.startsWith('refused@') ? [422, { name: 'validation_error', message: 'Invalid `to` field.', statusCode: 422 }]
          : [200, { id: `re_${received.length}` }];
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    }));
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  const stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  server = await startTestServer({ env: { RESEND_API_KEY: 're_test_key', MAIL_FROM: 'Webinars <webinars@example.com>', RESEND_API_URL: stubUrl } });
});
afterAll(async () => {
  await server.cleanup();
  await new Promise((resolve) => stub.close(resolve));
});

describe('e-mail through Resend when RESEND_API_KEY is set', () => {
  it('sends in the background with an idempotency key, retries what may pass later and gives up on a refusal', async () => {
    const { api } = await newOrganizer(server.url);
    const event = await createEvent(api, { name: 'Sent for real' });
    // Resend does not answer yet: the invitations are accepted all the same, queued for the background.
    gate = new Promise((resolve) => (openGate = resolve));
    await api.ok('POST', `/events/${event.id}/invitations`, { text: 'ok@example.com, down@example.com, refused@example.com' });
    expect((await outbox(api)).map((m) => m.status).filter((s) => s !== 'queued' && s !== 'sending')).toEqual([]);
    openGate();

    // Every message had its first attempt.
    const messages = await eventually(async () => {
      const now = await outbox(api);
      return now.length === 3 && now.every((m) => m.attempts > 0 && m.status !== 'sending') && now;
    }, 20_000, 'a first attempt at every message');
    const status = Object.fromEntries(messages.map((m) => [m.to, [m.status, m.attempts]]));
    expect(status).toEqual({ 'ok@example.com': ['sent', 1], 'down@example.com': ['queued', 1], 'refused@example.com': ['failed', 1] });
    expect(messages.find((m) => m.to === 'refused@example.com')!.lastError).toContain('Invalid `to` field.');

    const ok = received.find((r) => r.body.to[0] === 'ok@example.com')!;
    const message = messages.find((m) => m.to === 'ok@example.com')!;
    expect(ok.headers.authorization).toBe('Bearer re_test_key');
    expect(ok.headers['idempotency-key']).toBe(message.id);
    expect(ok.body).toMatchObject({ from: 'Webinars <webinars@example.com>', subject: 'Invitation: Sent for real' });
    expect(ok.body.html).toContain('<!doctype html>');
    expect(ok.body.text).toContain('Join the event:');
    expect(ok.body.attachments[0]).toMatchObject({ filename: 'invite.ics' });
    expect(Buffer.from(ok.body.attachments[0].content, 'base64').toString()).toContain('BEGIN:VCALENDAR');
    expect((await api.ok<any>('GET', '/account/mail-settings')).delivery).toBe('resend');
  });
});
