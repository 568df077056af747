import type { OutboxMessageFullOut, OutboxMessageOut } from '../../shared/mail-schemas.ts';
import type { ApiClient } from './api-client.ts';

/** Reading the outbox the way a script would: list, then open the messages wanted. */
export async function outbox(api: ApiClient, query = ''): Promise<OutboxMessageOut[]> {
  return (await api.ok<{ messages: OutboxMessageOut[] }>('GET', `/outbox${query}`)).messages;
}

export async function openMessage(api: ApiClient, id: string): Promise<OutboxMessageFullOut> {
  return api.ok<OutboxMessageFullOut>('GET', `/outbox/${id}`);
}

/** Waits until the outbox holds `count` messages that match, and returns them whole. */
export async function waitForMail(api: ApiClient, match: (m: OutboxMessageOut) => boolean, count: number, what: string): Promise<OutboxMessageFullOut[]> {
  const deadline = Date.now() + 20_000;
  let found: OutboxMessageOut[] = [];
  while (Date.now() < deadline) {
    found = (await outbox(api)).filter(match);
    if (found.length >= count) return Promise.all(found.map((m) => openMessage(api, m.id)));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Expected ${count} × ${what}, found ${found.length}`);
}

/** The ICS attachment's text. */
export function icsOf(message: OutboxMessageFullOut): string {
  const ics = message.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!ics) throw new Error(`no calendar attachment in "${message.subject}"`);
  return Buffer.from(ics.content, 'base64').toString('utf8');
}

/** A property of the first VEVENT, unfolded. */
export function icsProperty(ics: string, name: string): string | undefined {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  return unfolded.split('\r\n').find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`))?.replace(/^[^:]*:/, '');
}

/** The join link in a message's text part. */
export function joinLinkOf(message: OutboxMessageFullOut): string {
  const link = message.text.match(/https?:\/\/\S+\/room\/\d+#\S+/)?.[0];
  if (!link) throw new Error(`no join link in "${message.subject}"`);
  return link;
}
