import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createEvent, joinEvent, newOrganizer } from '../support/api-client.ts';
import { RoomParticipant, eventually, hostStarts } from '../support/room-client.ts';
import { startTestServer } from '../support/test-server.ts';

/** The receiver listens on 127.0.0.2: the only private address this server is allowed to reach. */
const RECEIVER_HOST = '127.0.0.2';

interface Received { path: string; headers: Record<string, string>; body: string }
let server: Awaited<ReturnType<typeof startTestServer>>;
let receiver: Server;
let base: string;
const received: Received[] = [];
/** What each path answers, in turn; the last answer repeats. */
const script = new Map<string, ((res: ServerResponse) => void)[]>();

beforeAll(async () => {
  server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: RECEIVER_HOST, WEBHOOK_BACKOFF_SCALE: '0.001' } });
  receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
      const answers = script.get(req.url ?? '') ?? [];
      const answer = answers.length > 1 ? answers.shift()! : answers[0];
      if (answer) answer(res);
      else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, RECEIVER_HOST, resolve));
  base = `http://${RECEIVER_HOST}:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await server.cleanup();
});

const status = (code: number) => (res: ServerResponse) => res.writeHead(code).end(code >= 400 ? 'x'.repeat(5000) : 'ok');
const deliveriesOf = async (api: ApiClient, endpointId: string) => (await api.ok<any>('GET', `/webhook-deliveries?endpointId=${endpointId}`)).deliveries;

describe('outgoing webhooks (POST-4)', () => {
  it('retries a failing endpoint with the same message id until it answers, signed per Standard Webhooks, and event.ended carries the attendance', async () => {
    const { api } = await newOrganizer(server.url);
    script.set('/crm', [status(500), status(500), status(500), status(200)]);
    const endpoint = await api.ok<any>('POST', '/webhook-endpoints', { url: `${base}/crm`, events: ['event.ended'] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const event = await createEvent(api, { name: 'Pushed' });
    const host = await hostStarts(server.url, await api.ok('POST', `/events/${event.id}/join`, {}));
    const anna = await RoomParticipant.enter(server.url, await joinEvent(server.url, event.id, { name: 'Anna Hook', email: 'anna.hook@example.com' }));
    await eventually(() => host.roster.size === 2, 10_000, 'Anna in');
    await anna.leave();
    host.send('end-event', {});

    const [delivery] = await eventually(async () => {
      const list = await deliveriesOf(api, endpoint.id);
      return list[0]?.status === 'delivered' && list;
    }, 20_000, 'the delivery to succeed');
    expect(delivery).toMatchObject({ eventType: 'event.ended', status: 'delivered', attempts: 4, lastStatusCode: 200 });
    expect(delivery.log.map((a: any) => a.statusCode)).toEqual([500, 500, 500, 200]);
    const calls = received.filter((r) => r.path === '/crm');
    expect(calls).toHaveLength(4);
    expect(new Set(calls.map((c) => c.headers['webhook-id']))).toEqual(new Set([delivery.id]));
    const wh = new Webhook(endpoint.secret);
    for (const call of calls) wh.verify(call.body, call.headers);
    // A forged body does not verify.
    expect(() => wh.verify(calls[0]!.body.replace('Anna', 'Eve'), calls[0]!.headers)).toThrow();
    const payload = JSON.parse(calls[3]!.body);
    expect(payload.type).toBe('event.ended');
    expect(payload.data.event).toMatchObject({ id: event.id, name: 'Pushed' });
    expect(payload.data.attendees).toHaveLength(1);
    expect(payload.data.attendees[0]).toMatchObject({ name: 'Anna Hook', email: 'anna.hook@example.com' });
    expect(payload.data.attendees[0].stays).toHaveLength(1);
    // Response bodies are kept to 1 KB at most.
    expect((await deliveriesOf(api, endpoint.id))[0].lastResponse.length).toBeLessThanOrEqual(1024);

    // "Resend" sends the same message (same id) once more.
    await api.ok('POST', `/webhook-deliveries/${delivery.id}/resend`);
    await eventually(() => received.filter((r) => r.path === '/crm').length === 5, 10_000, 'the resend');
    expect(received.filter((r) => r.path === '/crm').at(-1)!.headers['webhook-id']).toBe(delivery.id);
    await eventually(async () => (await deliveriesOf(api, endpoint.id))[0].attempts === 5, 10_000, 'the fifth attempt logged');
  });

  it('refuses loopback, private, link-local, metadata and IPv6 loopback destinations, by name and by redirect, with the reason in the log', async () => {
    const { api } = await newOrganizer(server.url);
    const port = (receiver.address() as AddressInfo).port;
    for (const url of ['http://169.254.169.254/latest/meta-data', `http://127.0.0.1:${port}/`, 'http://10.0.0.1/', `http://[::1]:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`]) {
      const refused = await api.request('POST', '/webhook-endpoints', { url, events: ['registration.created'] });
      expect(refused.status, url).toBe(400);
      expect(refused.body.errors[0].field).toBe('url');
      expect(refused.body.errors[0].message).toMatch(/not allowed: .*(loopback|private|link-local)/);
    }
    expect((await api.request('POST', '/webhook-endpoints', { url: 'ftp://example.com/', events: ['registration.created'] })).status).toBe(400);
    expect((await api.request('POST', '/webhook-endpoints', { url: `${base}/x`, events: ['nothing.happened'] })).body.errors[0].field).toBe('events.0');

    // A name that resolves to loopback, and redirects to loopback and to the metadata address.
    script.set('/to-loopback', [(res) => res.writeHead(302, { location: `http://127.0.0.1:${port}/stolen` }).end()]);
    script.set('/to-metadata', [(res) => res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data' }).end()]);
    const byName = await api.ok<any>('POST', '/webhook-endpoints', { url: `http://localhost:${port}/by-name`, events: ['registration.created'] });
    const redirected = await api.ok<any>('POST', '/webhook-endpoints', { url: `${base}/to-loopback`, events: ['registration.created'] });
    const toMetadata = await api.ok<any>('POST', '/webhook-endpoints', { url: `${base}/to-metadata`, events: ['registration.created'] });
    const event = await createEvent(api, { name: 'Registrations' });
    await api.ok('PUT', `/events/${event.id}/registration`, { enabled: true });
    await new ApiClient(server.url).ok('POST', `/events/${event.id}/registrations`, { email: 'reg.hook@example.com', firstName: 'Reg' });

    const refusedOf = (id: string) => eventually(async () => {
      const [d] = await deliveriesOf(api, id);
      return d?.status === 'refused' && d;
    }, 10_000, 'a refusal');
    expect((await refusedOf(byName.id)).lastError).toMatch(/localhost resolves to (127\.0\.0\.1|::1), .*loopback/);
    expect((await refusedOf(redirected.id)).lastError).toMatch(/redirected to http:\/\/127\.0\.0\.1:\d+\/stolen: 127\.0\.0\.1 is a loopback address/);
    expect((await refusedOf(toMetadata.id)).lastError).toMatch(/redirected to http:\/\/169\.254\.169\.254\/latest\/meta-data: .*metadata/);
    expect(received.some((r) => r.path === '/stolen' || r.path === '/by-name')).toBe(false);
  });

  it('keeps delivering to other endpoints while one hangs, and retries the hanging one after its 5 s timeout', async () => {
    const { api } = await newOrganizer(server.url);
    script.set('/hang', [() => undefined]);
    const hanging = await api.ok<any>('POST', '/webhook-endpoints', { url: `${base}/hang`, events: ['registration.created'] });
    const healthy = await api.ok<any>('POST', '/webhook-endpoints', { url: `${base}/healthy`, events: ['registration.created'] });
    const event = await createEvent(api, { name: 'Hanging' });
    await api.ok('PUT', `/events/${event.id}/registration`, { enabled: true });
    await new ApiClient(server.url).ok('POST', `/events/${event.id}/registrations`, { email: 'hang@example.com', firstName: 'H' });
    const ok = await eventually(async () => {
      const [d] = await deliveriesOf(api, healthy.id);
      return d?.status === 'delivered' && d;
    }, 4_000, 'the healthy endpoint’s delivery');
    expect(JSON.parse(received.find((r) => r.path === '/healthy')!.body)).toMatchObject({ type: 'registration.created', data: { registration: { email: 'hang@example.com' } } });
    expect(ok.attempts).toBe(1);
    const timedOut = await eventually(async () => {
      const [d] = await deliveriesOf(api, hanging.id);
      return d?.attempts >= 1 && d;
    }, 10_000, 'the hanging attempt to time out');
    expect(timedOut.log[0].durationMs).toBeGreaterThanOrEqual(4_900);
    expect(timedOut).toMatchObject({ status: 'pending', lastError: 'no answer within 5 s' });
    expect(timedOut.nextAttemptAt).not.toBeNull();
  });
});
