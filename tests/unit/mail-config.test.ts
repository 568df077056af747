import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('e-mail configuration', () => {
  it('keeps mail in the outbox when RESEND_API_KEY is unset', () => {
    expect(loadConfig({}).resendApiKey).toBeUndefined();
  });

  it('needs MAIL_FROM with RESEND_API_KEY, and names it', () => {
    expect(() => loadConfig({ RESEND_API_KEY: 're_123' })).toThrow(ConfigError);
    expect(() => loadConfig({ RESEND_API_KEY: 're_123' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ RESEND_API_KEY: 're_123', MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/);
    const config = loadConfig({ RESEND_API_KEY: 're_123', MAIL_FROM: 'Webinars <webinars@example.com>' });
    expect(config).toMatchObject({ resendApiKey: 're_123', mailFrom: 'Webinars <webinars@example.com>', resendApiUrl: undefined });
  });
});
