import { claimsToJwtPayload, type VideoGrant } from 'livekit-server-sdk';
import { signHs256 } from '../domain/hs256.ts';

/**
 * A LiveKit access token, the same claims `AccessToken.toJwt()` writes (the grants, `iss`
 * the API key, `sub` the identity, `nbf` now, `exp` now + ttl) signed with HS256 by
 * node:crypto synchronously. The SDK signs through `jose`, an async chain of promises
 * and key imports per token: one token per join, in a join storm a few percent of the
 * server's whole turn (see bench/RESULTS.md). LiveKit checks the signature, `iss`,
 * `nbf` and `exp`; `tests/unit/livekit-token.test.ts` verifies these tokens with the
 * SDK's own `TokenVerifier`.
 */
export function mintLiveKitToken(apiKey: string, apiSecret: string, claims: { identity: string; name: string; ttlSeconds: number; video: VideoGrant }, now = Date.now()): string {
  const seconds = Math.floor(now / 1000);
  // A copy: claimsToJwtPayload rewrites the video grant's sources in place.
  const payload = claimsToJwtPayload({ name: claims.name, video: { ...claims.video } });
  return signHs256({ ...payload, iss: apiKey, sub: claims.identity, nbf: seconds, exp: seconds + claims.ttlSeconds }, apiSecret);
}
