import type { WebhookEvent } from 'livekit-server-sdk';
import type { EventsService } from '../domain/events-service.ts';
import type { Logger } from '../logger.ts';
import type { MediaAccess } from './media-access.ts';
import { toMediaNews } from './media-news.ts';
import type { MediaService } from './media-service.ts';

export interface MediaEventDeps {
  media: MediaService;
  access: MediaAccess;
  events: EventsService;
  logger: Logger;
  /** Whether the event's live room is open (in this process or another). */
  roomIsOpen(eventKey: string): Promise<boolean>;
  /** Hands the news to the event's live room over its presence channel. */
  tellRoom(eventKey: string, news: unknown): Promise<void>;
}

/**
 * Routes a verified LiveKit webhook: to the event's live room when it is open (it keeps
 * attendance, camera slots and who publishes what); otherwise a participant who joined
 * is held to the stored rules right here, so an old token cannot outlive a change.
 */
export function mediaEventRouter(deps: MediaEventDeps) {
  return async (event: WebhookEvent): Promise<void> => {
    const eventKey = deps.media.eventKeyOf(event.room?.name);
    const news = toMediaNews(event);
    if (!eventKey || !news) return;
    if (await deps.roomIsOpen(eventKey)) return deps.tellRoom(eventKey, news);
    if (news.event !== 'participant_joined') return;
    const row = deps.events.byId(eventKey);
    if (!row) return deps.media.remove(eventKey, news.identity);
    await deps.access.gate(row, news.identity).catch((error: unknown) => deps.logger.warn('could not apply media rules to a newcomer', error));
  };
}
