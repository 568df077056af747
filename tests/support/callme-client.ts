import type { Room } from '@colyseus/sdk';
import { CallmeConnection } from '../../shared/callme-connection.ts';
import { CALLME_SERVER } from '../../shared/callme-room.ts';
import { ApiClient } from './api-client.ts';
import { eventually } from './room-client.ts';

/**
 * Someone in a package's room through the real Colyseus SDK (a visitor or a consultant),
 * recording what arrives. It goes through the same CallmeConnection as the browser, so it
 * gets back in by itself after a dropped socket or a server restart.
 */
export class CallmeParticipant {
  readonly received = new Map<string, unknown[]>();

  private constructor(readonly connection: CallmeConnection) {
    for (const type of Object.values(CALLME_SERVER)) {
      connection.on(type, (message: unknown) => {
        this.received.set(type, [...(this.received.get(type) ?? []), message]);
      });
    }
  }

  /** The Room of the current connection (another one after a fresh join). */
  get room(): Room {
    if (!this.connection.room) throw new Error(`not connected (${this.connection.status})`);
    return this.connection.room;
  }

  last<T>(type: string): T | undefined {
    return this.received.get(type)?.at(-1) as T | undefined;
  }

  all<T>(type: string): T[] {
    return (this.received.get(type) ?? []) as T[];
  }

  /** Forgets what arrived so far (to wait for what comes after a reconnection). */
  clear(): void {
    this.received.clear();
  }

  /** Waits until the last message of `type` satisfies `check`. */
  async waitFor<T>(type: string, check: (m: T) => boolean = () => true, ms = 15_000): Promise<T> {
    return eventually(() => {
      const m = this.last<T>(type);
      return m !== undefined && check(m) ? m : undefined;
    }, ms, `a matching "${type}" message`);
  }

  async waitForStatus(status: CallmeConnection['status'], ms = 60_000): Promise<void> {
    await eventually(() => this.connection.status === status || undefined, ms, `connection ${status}`);
  }

  static async visitor(baseUrl: string, packageId: string, token?: string, userAgent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36') {
    const answer = await new ApiClient(baseUrl).request('POST', `/callme/public/${packageId}/visitor`, { token }, { 'user-agent': userAgent });
    if (answer.status !== 200) throw new Error(`visitor token: ${answer.status} ${JSON.stringify(answer.body)}`);
    const visitorToken = answer.body.token as string;
    const participant = new CallmeParticipant(new CallmeConnection(baseUrl, async () => ({ packageId, visitorToken })));
    await participant.connection.connect();
    return Object.assign(participant, { token: visitorToken });
  }

  /** A consultant logged in to the consultant app; every fresh join fetches a fresh room ticket, as the app does. */
  static async consultant(baseUrl: string, packageId: string, email: string, password: string) {
    const api = new ApiClient(baseUrl);
    await api.ok('POST', '/callme/consultant/login', { email, password });
    const participant = new CallmeParticipant(new CallmeConnection(baseUrl, async () => ({ packageId, consultantTicket: (await api.ok<{ ticket: string }>('GET', '/callme/consultant/me')).ticket })));
    await participant.connection.connect();
    return participant;
  }
}

export const PACKAGE = { name: 'Shop', companyName: 'Shop Ltd', companyUrl: 'https://shop.example.com', hours: { weekdays: { kind: 'all-day' }, saturday: { kind: 'all-day' }, sunday: { kind: 'all-day' } } };
