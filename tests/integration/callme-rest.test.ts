import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackOut, PackageOut, PublicPackageOut } from '../../shared/callme-schemas.ts';
import { ApiClient, newOrganizer } from '../support/api-client.ts';
import { PACKAGE } from '../support/callme-client.ts';
import { startTestServer } from '../support/test-server.ts';

describe('click-to-call REST: packages, consultants, callbacks, the loader and frame', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let api: ApiClient;
  let pkg: PackageOut;
  const upload = async (path: string, bytes: Uint8Array | string, type: string) => {
    const response = await fetch(`${server.url}/api/v1${path}`, { method: 'PUT', headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': type }, body: bytes as unknown as BodyInit });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    server = await startTestServer();
    ({ api } = await newOrganizer(server.url));
    pkg = await api.ok<PackageOut>('POST', '/callme/packages', { ...PACKAGE, hours: { weekdays: { kind: 'range', open: 540, close: 1020 }, saturday: { kind: 'closed' }, sunday: { kind: 'closed' } }, websites: ['http://localhost:5555/page'] });
  });
  afterAll(async () => server?.cleanup());

  it('creates a package with its snippet and call page, and refuses bad fields naming them without saving', async () => {
    expect(pkg.snippet).toBe(`<script async src="${server.url.replace('127.0.0.1', 'localhost')}/w/${pkg.id}.js"></script>`);
    expect(pkg.websites).toEqual(['http://localhost:5555']);
    const bad = await api.request('POST', '/callme/packages', { ...PACKAGE, name: 'x'.repeat(26), companyUrl: 'shop.example.com' });
    expect(bad.status).toBe(400);
    expect(new Set(bad.body.errors.map((f: { field: string }) => f.field))).toEqual(new Set(['name', 'companyUrl']));
    const badHours = await api.request('PATCH', `/callme/packages/${pkg.id}`, { hours: { weekdays: { kind: 'range', open: 545, close: 600 }, saturday: { kind: 'closed' }, sunday: { kind: 'closed' } } });
    expect(badHours.body.errors[0].field).toBe('hours.weekdays.open');
    expect((await api.ok<{ packages: PackageOut[] }>('GET', '/callme/packages')).packages).toHaveLength(1);
  });

  it('serves the loader with the current settings and the frame only to the package’s websites', async () => {
    const first = await fetch(`${server.url}/w/${pkg.id}.js`);
    expect(first.headers.get('content-type')).toMatch(/javascript/);
    expect(await first.text()).toContain('"colour":"green"');
    await api.ok('PATCH', `/callme/packages/${pkg.id}`, { button: { ...pkg.button, colour: 'violet', corner: 'top-left' } });
    const second = await fetch(`${server.url}/w/${pkg.id}.js`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('"colour":"violet"');
    const frame = await fetch(`${server.url}/w/${pkg.id}/frame`);
    expect(frame.headers.get('content-security-policy')).toBe("frame-ancestors 'self' http://localhost:5555");
    expect(frame.headers.get('x-frame-options')).toBeNull();
    expect((await fetch(`${server.url}/w/nosuchpackage.js`)).status).toBe(404);
  });

  it('orders a callback inside the hours and refuses a past date and an out-of-hours time', async () => {
    const visitor = new ApiClient(server.url);
    const past = await visitor.request('POST', `/callme/public/${pkg.id}/callbacks`, { phone: '+48 600 100 200', email: 'v@example.com', date: '2020-01-06', time: '10:00' });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ field: 'date', message: 'The date is in the past.' }]);
    const late = await visitor.request('POST', `/callme/public/${pkg.id}/callbacks`, { phone: '+48 600 100 200', email: 'v@example.com', date: '2030-01-07', time: '17:00' });
    expect(late.body.errors[0]).toMatchObject({ field: 'time', message: expect.stringMatching(/working hours/) });
    const good = await visitor.request('POST', `/callme/public/${pkg.id}/callbacks`, { phone: '+48 600 100 200', email: 'v@example.com', date: '2030-01-07', time: '16:30' });
    expect(good.status).toBe(201);
    expect((good.body as CallbackOut).at).toBe('2030-01-07T15:30:00.000Z');
    const list = await api.ok<{ callbacks: CallbackOut[] }>('GET', `/callme/packages/${pkg.id}/callbacks`);
    expect(list.callbacks.map((c) => c.time)).toEqual(['16:30']);
  });

  it('scales a logo to 300×100 and a photo to 150×150, refusing a non-image and a pixel bomb', async () => {
    const big = await sharp({ create: { width: 1200, height: 200, channels: 3, background: '#336699' } }).png().toBuffer();
    const logo = await upload(`/callme/packages/${pkg.id}/logo`, new Uint8Array(big), 'image/png');
    expect(logo.status).toBe(200);
    const served = Buffer.from(await (await fetch(`${server.url}${logo.body.logoUrl}`)).arrayBuffer());
    expect(await sharp(served).metadata()).toMatchObject({ width: 300, height: 50 });
    const notImage = await upload(`/callme/packages/${pkg.id}/logo`, 'hello, I am text', 'image/png');
    expect(notImage.status).toBe(400);
    expect(notImage.body.errors[0].field).toBe('logo');
    // A PNG header that claims 60,000×60,000 pixels.
    const bomb = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer());
    bomb.writeUInt32BE(60_000, 16);
    bomb.writeUInt32BE(60_000, 20);
    const refused = await upload(`/callme/packages/${pkg.id}/logo`, new Uint8Array(bomb), 'image/png');
    expect(refused.status).toBe(400);

    const consultant = await api.ok<{ id: string }>('POST', '/callme/consultants', { email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee', password: 'consultant password' });
    await api.ok('POST', '/callme/consultants', { email: 'hidden@example.com', firstName: 'Hid', lastName: 'Den', password: 'consultant password', mayReceiveCalls: false });
    const square = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#993366' } }).jpeg().toBuffer();
    const photo = await upload(`/callme/consultants/${consultant.id}/photo`, new Uint8Array(square), 'image/jpeg');
    const photoBytes = Buffer.from(await (await fetch(`${server.url}${photo.body.photoUrl}`)).arrayBuffer());
    expect(await sharp(photoBytes).metadata()).toMatchObject({ width: 150, height: 100 });
    // The public page shows consultants who may receive calls, nothing of the account.
    const page = await new ApiClient(server.url).ok<PublicPackageOut>('GET', `/callme/public/${pkg.id}`);
    expect(page.consultants.map((c) => c.firstName)).toEqual(['Ann']);
    expect(JSON.stringify(page)).not.toContain('ann@example.com');
  });

  it('keeps consultants out of the dashboard API and lists the routes in the OpenAPI document', async () => {
    const consultant = new ApiClient(server.url);
    await consultant.ok('POST', '/callme/consultant/login', { email: 'ann@example.com', password: 'consultant password' });
    expect((await consultant.request('GET', '/callme/packages')).status).toBe(401);
    expect((await consultant.request('GET', '/callme/consultant/me')).status).toBe(200);
    const doc = await new ApiClient(server.url).ok<{ paths: Record<string, unknown> }>('GET', '/openapi.json');
    for (const path of ['/callme/packages', '/callme/consultants', '/callme/public/{id}/callbacks', '/callme/packages/{id}/chats']) expect(Object.keys(doc.paths)).toContain(path);
  });
});
