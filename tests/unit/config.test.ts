import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('configuration', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseFile).toMatch(/data[/\\]app\.db$/);
    expect(config.publicUrl).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats empty values as unset, like a copied .env.example', () => {
    expect(loadConfig({ PORT: '', PUBLIC_URL: '' }).port).toBe(3000);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PUBLIC_URL', 'not a url'],
    ['SECRET_KEY', 'short'],
    ['TRUST_PROXY', 'maybe'],
    ['LOG_LEVEL', 'loud'],
  ])('a bad %s=%s stops start-up with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('runs the local LiveKit by default, an external one with its keys, or none', () => {
    expect(loadConfig({}).livekit).toEqual({ kind: 'local', port: 7880, rtcPort: 7881, publicUrl: undefined });
    expect(loadConfig({ LIVEKIT_LOCAL: 'false' }).livekit).toEqual({ kind: 'off' });
    const external = loadConfig({ LIVEKIT_URL: 'wss://media.example.com/', LIVEKIT_API_KEY: 'APIkey', LIVEKIT_API_SECRET: 's'.repeat(32) }).livekit;
    expect(external).toEqual({ kind: 'external', url: 'wss://media.example.com', publicUrl: 'wss://media.example.com', apiKey: 'APIkey', apiSecret: 's'.repeat(32) });
    expect(() => loadConfig({ LIVEKIT_URL: 'wss://media.example.com' })).toThrow(/LIVEKIT_API_KEY: required with LIVEKIT_URL/);
    expect(() => loadConfig({ LIVEKIT_URL: 'ftp://media.example.com', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's'.repeat(32) })).toThrow(/LIVEKIT_URL:/);
    expect(() => loadConfig({ LIVEKIT_URL: 'wss://m.example.com', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 'short' })).toThrow(/LIVEKIT_API_SECRET:/);
  });

  it('strips a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://webinars.example.com/' }).publicUrl).toBe('https://webinars.example.com');
  });
});
