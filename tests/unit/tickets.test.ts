import { describe, expect, it } from 'vitest';
import { sign } from 'hono/jwt';
import { RECORDER_TICKET_TTL_SECONDS, TICKET_TTL_SECONDS, TicketSigner } from '../../server/domain/tickets.ts';

const SECRET = 'unit-test-secret-unit-test-secret-0000';
const claims = { participantId: 'p1', eventId: 'e1', role: 'presenter' as const, name: 'Pat' };

describe('room tickets', () => {
  it('round-trips the claims and expires after the TTL', async () => {
    const issued = await new TicketSigner(SECRET).issue(claims);
    expect(issued.expiresAt.getTime() - Date.now()).toBeGreaterThan((TICKET_TTL_SECONDS - 5) * 1000);
    expect(issued.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(TICKET_TTL_SECONDS * 1000);
    expect(await new TicketSigner(SECRET).read(issued.token)).toMatchObject(claims);
    const afterExpiry = new TicketSigner(SECRET, () => new Date(issued.expiresAt.getTime() + 1000));
    expect(await afterExpiry.read(issued.token)).toBeUndefined();
  });

  it('refuses a ticket signed with another key, with another algorithm, or malformed', async () => {
    const signer = new TicketSigner(SECRET);
    const other = await new TicketSigner('another-secret-another-secret-0000000').issue(claims);
    expect(await signer.read(other.token)).toBeUndefined();
    const exp = Math.floor(Date.now() / 1000) + 60;
    const hs512 = await sign({ sub: 'p1', evt: 'e1', role: 'host', name: 'x', exp, aud: 'room' }, SECRET, 'HS512');
    expect(await signer.read(hs512)).toBeUndefined();
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'p1', evt: 'e1', role: 'host', name: 'x', exp, aud: 'room' })).toString('base64url')}.`;
    expect(await signer.read(unsigned)).toBeUndefined();
    expect(await signer.read('not.a.ticket')).toBeUndefined();
    expect(await signer.read(42)).toBeUndefined();
  });

  it('refuses an unknown role even when correctly signed', async () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const token = await sign({ sub: 'p1', evt: 'e1', role: 'admin', name: 'x', exp, aud: 'room' }, SECRET, 'HS256');
    expect(await new TicketSigner(SECRET).read(token)).toBeUndefined();
  });

  it('a recorder ticket is never read as a participant ticket, nor a participant ticket as a recorder one', async () => {
    const signer = new TicketSigner(SECRET);
    const recorder = await signer.issueRecorder({ recorderId: 'rec1', eventId: 'e1' });
    expect(signer.readRecorder(recorder.token)).toMatchObject({ recorderId: 'rec1', eventId: 'e1' });
    expect(await signer.read(recorder.token)).toBeUndefined();
    const participant = await signer.issue(claims);
    expect(signer.readRecorder(participant.token)).toBeUndefined();
    expect(new TicketSigner('another-secret-another-secret-0000000').readRecorder(recorder.token)).toBeUndefined();
    const afterExpiry = new TicketSigner(SECRET, () => new Date(Date.now() + RECORDER_TICKET_TTL_SECONDS * 1000 + 1000));
    expect(afterExpiry.readRecorder(recorder.token)).toBeUndefined();
  });
});
