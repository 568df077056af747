import { AccessToken, TokenVerifier, TrackSource } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { mintLiveKitToken } from '../../server/media/livekit-token.ts';

const apiKey = 'APIkey123';
const apiSecret = 'a-secret-of-thirty-two-characters-or-more';
const video = { room: 'event-1', roomJoin: true, canSubscribe: true, canPublish: false, canPublishData: true, canPublishSources: [TrackSource.CAMERA] };

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('LiveKit tokens minted with node:crypto', () => {
  it('are accepted by the SDK’s own verifier, with the claims AccessToken writes', async () => {
    const now = Date.now();
    const ours = mintLiveKitToken(apiKey, apiSecret, { identity: 'participant-1', name: 'Ada', ttlSeconds: 3600, video }, now);
    const verified = await new TokenVerifier(apiKey, apiSecret).verify(ours);
    expect(verified).toMatchObject({ sub: 'participant-1', iss: apiKey, name: 'Ada', video: { room: 'event-1', roomJoin: true, canPublish: false } });

    const sdk = new AccessToken(apiKey, apiSecret, { identity: 'participant-1', name: 'Ada', ttl: 3600 });
    sdk.addGrant(video);
    const theirs = payloadOf(await sdk.toJwt());
    const mine = payloadOf(ours);
    // Same claims, same values but for the clock.
    expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
    expect({ ...mine, nbf: 0, exp: 0 }).toEqual({ ...theirs, nbf: 0, exp: 0 });
    expect((mine.exp as number) - (mine.nbf as number)).toBe(3600);
  });

  it('are refused when signed with another secret or expired', async () => {
    const verifier = new TokenVerifier(apiKey, apiSecret);
    const forged = mintLiveKitToken(apiKey, 'another-secret-of-thirty-two-characters', { identity: 'p', name: 'P', ttlSeconds: 60, video });
    await expect(verifier.verify(forged)).rejects.toThrow();
    const expired = mintLiveKitToken(apiKey, apiSecret, { identity: 'p', name: 'P', ttlSeconds: 60, video }, Date.now() - 3_600_000);
    await expect(verifier.verify(expired)).rejects.toThrow();
  });
});
