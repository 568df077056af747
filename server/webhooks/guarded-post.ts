import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { forbiddenReason, urlProblem, type DestinationPolicy } from './destination-guard.ts';

export const TIMEOUT_MS = 5_000;
export const MAX_BODY_BYTES = 1024;
const MAX_REDIRECTS = 3;

export type PostResult =
  | { kind: 'answered'; status: number; body: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'failed'; reason: string };

/** A refusal found while connecting: it must not be retried like a network error. */
class Refused extends Error {}

/**
 * POSTs a webhook with the destination checked where it matters: on the IP literal, on
 * every address the name resolves to at connect time (so a DNS answer that changes
 * between check and use gains nothing), and again on each redirect, which is followed
 * by hand (at most 3). The whole exchange has 5 s; only the first 1 KB of the answer is read.
 */
export async function guardedPost(url: string, body: string, headers: Record<string, string>, policy: DestinationPolicy): Promise<PostResult> {
  const deadline = Date.now() + TIMEOUT_MS;
  let target = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const problem = urlProblem(target, policy);
    if (problem) return { kind: 'refused', reason: hop === 0 ? problem : `redirected to ${target}: ${problem}` };
    try {
      const answer = await postOnce(new URL(target), body, headers, policy, deadline - Date.now());
      if (answer.status >= 300 && answer.status < 400 && answer.location) {
        target = new URL(answer.location, target).toString();
        continue;
      }
      return { kind: 'answered', status: answer.status, body: answer.body };
    } catch (error) {
      const reason = (error as Error).message;
      if (error instanceof Refused) return { kind: 'refused', reason: hop === 0 ? reason : `redirected to ${target}: ${reason}` };
      return { kind: 'failed', reason };
    }
  }
  return { kind: 'failed', reason: `more than ${MAX_REDIRECTS} redirects` };
}

function postOnce(url: URL, body: string, headers: Record<string, string>, policy: DestinationPolicy, timeoutMs: number): Promise<{ status: number; body: string; location: string | undefined }> {
  if (timeoutMs <= 0) return Promise.reject(new Error(`no answer within ${TIMEOUT_MS / 1000} s`));
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      for (const a of addresses) {
        const reason = forbiddenReason(a.address, policy);
        if (reason) return callback(new Refused(`${hostname} resolves to ${reason.replace(/^\S+ is /, `${a.address}, `)}`), '', 4);
      }
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 4);
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const req = send(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': Buffer.byteLength(body).toString() },
      ...(isIP(host) ? {} : { lookup }),
      // A fresh connection each time: no pooled socket carries a request past the address check.
      agent: false,
      timeout: timeoutMs,
    }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY_BYTES), location: res.headers.location });
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY_BYTES) chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size));
        size += chunk.length;
        // Enough read: the rest of a large answer is not our business.
        if (size >= MAX_BODY_BYTES) {
          res.destroy();
          done();
        }
      });
      res.on('end', done);
      res.on('error', () => done());
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)), timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', (error) => reject(error));
    req.on('close', () => clearTimeout(timer));
    req.end(body);
  });
}
