import { Client, type Room } from '@colyseus/sdk';
import { CALLME_ROOM_NAME, CALLME_SERVER } from '../../shared/callme-room.ts';
import { ApiClient } from './api-client.ts';
import { eventually } from './room-client.ts';

/** Someone in a package's room through the real Colyseus SDK (a visitor or a consultant), recording what arrives. */
export class CallmeParticipant {
  readonly received = new Map<string, unknown[]>();

  private constructor(readonly room: Room) {
    for (const type of Object.values(CALLME_SERVER)) {
      room.onMessage(type, (message: unknown) => {
        this.received.set(type, [...(this.received.get(type) ?? []), message]);
      });
    }
  }

  last<T>(type: string): T | undefined {
    return this.received.get(type)?.at(-1) as T | undefined;
  }

  all<T>(type: string): T[] {
    return (this.received.get(type) ?? []) as T[];
  }

  /** Waits until the last message of `type` satisfies `check`. */
  async waitFor<T>(type: string, check: (m: T) => boolean = () => true): Promise<T> {
    return eventually(() => {
      const m = this.last<T>(type);
      return m !== undefined && check(m) ? m : undefined;
    }, 15_000, `a matching "${type}" message`);
  }

  static async visitor(baseUrl: string, packageId: string, token?: string, userAgent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36') {
    const answer = await new ApiClient(baseUrl).request('POST', `/callme/public/${packageId}/visitor`, { token }, { 'user-agent': userAgent });
    if (answer.status !== 200) throw new Error(`visitor token: ${answer.status} ${JSON.stringify(answer.body)}`);
    const room = await new Client(baseUrl).joinOrCreate(CALLME_ROOM_NAME, { packageId, visitorToken: answer.body.token });
    return Object.assign(new CallmeParticipant(room), { token: answer.body.token as string });
  }

  static async consultant(baseUrl: string, packageId: string, email: string, password: string) {
    const api = new ApiClient(baseUrl);
    await api.ok('POST', '/callme/consultant/login', { email, password });
    const me = await api.ok<{ ticket: string }>('GET', '/callme/consultant/me');
    const room = await new Client(baseUrl).joinOrCreate(CALLME_ROOM_NAME, { packageId, consultantTicket: me.ticket });
    return new CallmeParticipant(room);
  }
}

export const PACKAGE = { name: 'Shop', companyName: 'Shop Ltd', companyUrl: 'https://shop.example.com', hours: { weekdays: { kind: 'all-day' }, saturday: { kind: 'all-day' }, sunday: { kind: 'all-day' } } };
