import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ApiClient } from '../support/api-client.ts';
import { eventually } from '../support/room-client.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { startTestServer } from '../support/test-server.ts';

/** ACC-4 over REST with mail through a real SMTP server on loopback. */
let inbox: SmtpInbox;
let server: Awaited<ReturnType<typeof startTestServer>>;
let limitedServer: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  inbox = await SmtpInbox.start();
  // Verification on (the default with a transport); one server with a small sign-up limit to reach it.
  server = await startTestServer({ env: { ...inbox.env(), REQUIRE_EMAIL_VERIFICATION: 'true' } });
  limitedServer = await startTestServer({ env: { ...inbox.env(), REQUIRE_EMAIL_VERIFICATION: 'true', SIGNUP_RATE_PER_HOUR: '4' } });
});
afterAll(async () => {
  await server.cleanup();
  await limitedServer.cleanup();
  await inbox.stop();
});

const linkIn = (text: string | undefined, path: string) => {
  const link = text?.match(new RegExp(`https?://\\S+/${path}#[\\w-]+`))?.[0];
  if (!link) throw new Error(`no ${path} link in: ${text}`);
  return link;
};
const tokenOf = (link: string) => link.slice(link.indexOf('#') + 1);

describe('sign-up with e-mail verification and a limit per address', () => {
  it('asks new and known addresses alike to check their mail, lets in only after the link, and answers 429 with Retry-After past the limit', async () => {
    const web = new ApiClient(limitedServer.url);
    const email = `vera${Date.now()}@example.com`;
    const first = await web.request('POST', '/auth/signup', { email, name: 'Vera', password: 'first password 1' });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ verificationRequired: true, email });
    expect(web.cookie).toBeUndefined();
    const again = await new ApiClient(limitedServer.url).request('POST', '/auth/signup', { email, name: 'Mallory', password: 'other password 2' });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);

    const login = await web.request('POST', '/auth/login', { email, password: 'first password 1' });
    expect(login.status).toBe(403);
    expect(login.body.code).toBe('email-not-verified');
    const verifyMail = await inbox.waitFor(email, 'Confirm your e-mail address');
    expect((await inbox.waitFor(email, 'You already have an account')).parsed.text).toContain('/login');
    expect((await web.request('POST', '/auth/verify-email', { token: tokenOf(linkIn(verifyMail.parsed.text, 'verify-email')) })).body).toEqual({ email });
    expect((await web.request('POST', '/auth/login', { email, password: 'first password 1' })).status).toBe(200);
    // The second sign-up changed nothing: its password does not open the account.
    expect((await new ApiClient(limitedServer.url).request('POST', '/auth/login', { email, password: 'other password 2' })).status).toBe(401);

    const statuses: number[] = [];
    let limited: Awaited<ReturnType<ApiClient['request']>> | undefined;
    for (let i = 0; i < 4 && !limited; i++) {
      const r = await web.request('POST', '/auth/signup', { email: `burst${i}.${Date.now()}@example.com`, name: 'Burst', password: 'burst password' });
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(statuses.slice(0, -1).every((s) => s === 202)).toBe(true);
    expect(limited?.body.code).toBe('rate-limited');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('an address not confirmed yet', () => {
  it('gets a new confirmation link when it signs up again after the first one expired, not a note that the account exists', async () => {
    const email = `late${Date.now()}@example.com`;
    const password = 'first password 1';
    expect((await new ApiClient(server.url).request('POST', '/auth/signup', { email, name: 'Lena', password })).status).toBe(202);
    const firstLink = tokenOf(linkIn((await inbox.waitFor(email, 'Confirm your e-mail address')).parsed.text, 'verify-email'));
    // A day later the link has expired (its clock moved back instead of waiting); the page says to sign up again.
    server.database.sqlite.prepare('update email_verifications set expires_at = ? where id = ?').run(Date.now() - 1000, createHash('sha256').update(firstLink).digest('hex'));
    expect((await new ApiClient(server.url).request('POST', '/auth/verify-email', { token: firstLink })).body.code).toBe('verification-link-expired');
    const again = await new ApiClient(server.url).request('POST', '/auth/signup', { email, name: 'Lena', password });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ verificationRequired: true, email });
    const confirmations = await eventually(() => {
      const list = inbox.received.filter((m) => m.to.includes(email) && m.parsed.subject === 'Confirm your e-mail address');
      return list.length === 2 && list;
    }, 20_000, 'a second confirmation e-mail');
    expect(inbox.received.some((m) => m.to.includes(email) && m.parsed.subject === 'You already have an account')).toBe(false);
    const secondLink = tokenOf(linkIn(confirmations[1]!.parsed.text, 'verify-email'));
    expect(secondLink).not.toBe(firstLink);
    expect((await new ApiClient(server.url).request('POST', '/auth/verify-email', { token: firstLink })).body.code).toBe('verification-link-invalid');
    expect((await new ApiClient(server.url).request('POST', '/auth/verify-email', { token: secondLink })).body).toEqual({ email });
    expect((await new ApiClient(server.url).request('POST', '/auth/login', { email, password })).status).toBe(200);
  });
});

describe('sign-up without a mail transport', () => {
  it('answers a new and a known address alike (no 409, no cookie), the session comes only from a log-in with the right password', async () => {
    const bare = await startTestServer();
    try {
      const email = `nomail${Date.now()}@example.com`;
      const first = await new ApiClient(bare.url).request('POST', '/auth/signup', { email, name: 'Nina', password: 'first password 1' });
      const again = await new ApiClient(bare.url).request('POST', '/auth/signup', { email, name: 'Mallory', password: 'other password 2' });
      const fresh = await new ApiClient(bare.url).request('POST', '/auth/signup', { email: `other.${email}`, name: 'Olek', password: 'other password 2' });
      for (const answer of [first, again, fresh]) {
        expect(answer.status).toBe(202);
        expect(answer.headers.get('set-cookie')).toBeNull();
      }
      expect(first.body).toEqual({ verificationRequired: false, email });
      expect(again.body).toEqual(first.body);
      expect(Object.keys(fresh.body).sort()).toEqual(Object.keys(first.body).sort());
      // The first owner's password opens the account, the second sign-up's does not.
      const owner = new ApiClient(bare.url);
      expect((await owner.request('POST', '/auth/login', { email, password: 'first password 1' })).status).toBe(200);
      expect((await owner.request('GET', '/auth/me')).body.user.name).toBe('Nina');
      expect((await new ApiClient(bare.url).request('POST', '/auth/login', { email, password: 'other password 2' })).body.code).toBe('wrong-credentials');
      // The owner is told in the outbox (nothing can be delivered) that someone tried.
      const outbox = await owner.ok<{ messages: { to: string; subject: string }[] }>('GET', '/outbox');
      expect(outbox.messages.some((m) => m.to === email && m.subject === 'You already have an account')).toBe(true);
    } finally {
      await bare.cleanup();
    }
  });
});

describe('forgotten password', () => {
  it('mails a single-use link only to an existing account, answers the same for an unknown one, and ends every session on reset', async () => {
    const { email, password } = await newOrganizerVerified();
    const other = new ApiClient(server.url);
    await other.ok('POST', '/auth/login', { email, password });

    const known = await new ApiClient(server.url).request('POST', '/auth/password-reset', { email });
    const unknown = await new ApiClient(server.url).request('POST', '/auth/password-reset', { email: `nobody${Date.now()}@example.com` });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual({ accepted: true, delivery: 'smtp' });
    expect(unknown.body).toEqual(known.body);

    const mail = await inbox.waitFor(email, 'Reset your password');
    const token = tokenOf(linkIn(mail.parsed.text, 'reset-password'));
    expect(mail.parsed.text).toContain('one hour');
    expect((await new ApiClient(server.url).request('POST', '/auth/password-reset/check', { token })).status).toBe(200);
    expect((await new ApiClient(server.url).request('POST', '/auth/password-reset/confirm', { token, password: 'short' })).status).toBe(400);
    expect((await new ApiClient(server.url).request('POST', '/auth/password-reset/confirm', { token, password: 'a brand new password' })).status).toBe(204);

    expect((await other.request('GET', '/auth/me')).status).toBe(401);
    expect((await new ApiClient(server.url).request('POST', '/auth/login', { email, password })).status).toBe(401);
    expect((await new ApiClient(server.url).request('POST', '/auth/login', { email, password: 'a brand new password' })).status).toBe(200);
    const second = await new ApiClient(server.url).request('POST', '/auth/password-reset/confirm', { token, password: 'yet another password' });
    expect(second.status).toBe(410);
    expect(second.body.code).toBe('reset-link-used');
    expect((await new ApiClient(server.url).request('POST', '/auth/password-reset/confirm', { token: 'x'.repeat(43), password: 'yet another password' })).body.code).toBe('reset-link-invalid');
  });

  it('refuses a link an hour after it was asked for', async () => {
    const { email, password } = await newOrganizerVerified();
    await new ApiClient(server.url).ok('POST', '/auth/password-reset', { email });
    const token = tokenOf(linkIn((await inbox.waitFor(email, 'Reset your password')).parsed.text, 'reset-password'));
    const [row] = server.database.sqlite.prepare('select created_at, expires_at from password_resets where id = ?').all(createHash('sha256').update(token).digest('hex')) as { created_at: number; expires_at: number }[];
    expect(row!.expires_at - row!.created_at).toBe(60 * 60_000);
    // An hour later (the row's clock moved back instead of waiting).
    server.database.sqlite.prepare('update password_resets set created_at = created_at - 3600000, expires_at = expires_at - 3600000').run();
    const check = await new ApiClient(server.url).request('POST', '/auth/password-reset/check', { token });
    expect(check.status).toBe(410);
    expect(check.body.code).toBe('reset-link-expired');
    const late = await new ApiClient(server.url).request('POST', '/auth/password-reset/confirm', { token, password: 'too late a password' });
    expect(late.body.code).toBe('reset-link-expired');
    expect((await new ApiClient(server.url).request('POST', '/auth/login', { email, password })).status).toBe(200);
  });

  it('limits reset requests per address with 429 and Retry-After, and per mailbox without saying so', async () => {
    const { email } = await newOrganizerVerified();
    const web = new ApiClient(server.url);
    const answers: number[] = [];
    let limited: Awaited<ReturnType<ApiClient['request']>> | undefined;
    for (let i = 0; i < 12 && !limited; i++) {
      const r = await web.request('POST', '/auth/password-reset', { email });
      answers.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(answers.filter((s) => s === 202).length).toBeGreaterThanOrEqual(3);
    expect(limited?.body.code).toBe('rate-limited');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    // At most three links a quarter-hour reached the mailbox, however many were asked for.
    expect(inbox.received.filter((m) => m.to.includes(email) && m.parsed.subject === 'Reset your password').length).toBeLessThanOrEqual(3);
  });
});

describe('password change', () => {
  it('needs the current password and signs out the other sessions, keeping this one', async () => {
    const { email, password } = await newOrganizerVerified();
    const here = new ApiClient(server.url);
    await here.ok('POST', '/auth/login', { email, password });
    const elsewhere = new ApiClient(server.url);
    await elsewhere.ok('POST', '/auth/login', { email, password });

    const wrong = await here.request('POST', '/account/password', { currentPassword: 'not it at all', newPassword: 'changed password 9' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('currentPassword');
    expect(await here.ok('POST', '/account/password', { currentPassword: password, newPassword: 'changed password 9' })).toEqual({ otherSessionsEnded: 1 });
    expect((await here.request('GET', '/auth/me')).status).toBe(200);
    expect((await elsewhere.request('GET', '/auth/me')).status).toBe(401);
    expect((await new ApiClient(server.url).request('POST', '/auth/login', { email, password: 'changed password 9' })).status).toBe(200);
  });
});

/** An organizer on the verifying server: signs up, confirms with the e-mailed link. */
async function newOrganizerVerified(): Promise<{ email: string; password: string }> {
  const email = `org${Date.now()}${Math.random().toString(36).slice(2, 6)}@example.com`;
  const password = 'correct horse battery';
  const web = new ApiClient(server.url);
  expect((await web.request('POST', '/auth/signup', { email, name: 'Olga', password })).status).toBe(202);
  const mail = await inbox.waitFor(email, 'Confirm your e-mail address');
  await web.ok('POST', '/auth/verify-email', { token: tokenOf(linkIn(mail.parsed.text, 'verify-email')) });
  return { email, password };
}
