import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { RateLimiter } from '../../server/domain/rate-limiter.ts';

describe('SMTP and account settings from the environment', () => {
  it('reads an SMTP server, defaults its port to 587 (465 with TLS) and turns e-mail verification on with it', () => {
    const c = loadConfig({ SMTP_HOST: 'smtp.example.com', SMTP_USER: 'mailer', SMTP_PASSWORD: 'pw', MAIL_FROM: 'Webinars <w@example.com>' });
    expect(c.smtp).toEqual({ host: 'smtp.example.com', port: 587, secure: false, user: 'mailer', password: 'pw' });
    expect(c.requireEmailVerification).toBe(true);
    expect(loadConfig({ SMTP_HOST: 'smtp.example.com', SMTP_SECURE: 'true', MAIL_FROM: 'w@example.com' }).smtp?.port).toBe(465);
    expect(loadConfig({ SMTP_HOST: 'smtp.example.com', SMTP_PORT: '465', MAIL_FROM: 'w@example.com' }).smtp?.secure).toBe(true);
    expect(loadConfig({ SMTP_HOST: 'smtp.example.com', MAIL_FROM: 'w@example.com', REQUIRE_EMAIL_VERIFICATION: 'false' }).requireEmailVerification).toBe(false);
  });

  it('keeps verification off without a transport, and fails fast on a missing sender or two transports', () => {
    const c = loadConfig({});
    expect(c.smtp).toBeUndefined();
    expect(c.requireEmailVerification).toBe(false);
    expect(c.signupRatePerHour).toBe(10);
    expect(() => loadConfig({ SMTP_HOST: 'smtp.example.com' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ SMTP_HOST: 'smtp.example.com', RESEND_API_KEY: 're_x', MAIL_FROM: 'w@example.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ SMTP_HOST: 'smtp://x', MAIL_FROM: 'w@example.com' })).toThrow(/SMTP_HOST/);
  });
});

describe('rate limiter', () => {
  it('says how long until a key over its limit may try again', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 60_000, () => now);
    limiter.take('a');
    limiter.take('a');
    expect(limiter.retryAfterMs('a')).toBe(0);
    now = 15_000;
    expect(limiter.take('a')).toBe(false);
    expect(limiter.retryAfterMs('a')).toBe(45_000);
    now = 60_000;
    expect(limiter.take('a')).toBe(true);
    expect(limiter.retryAfterMs('a')).toBe(0);
  });
});
