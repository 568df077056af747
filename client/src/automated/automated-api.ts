import type { SessionOut, SessionsOut, RecurrenceRule } from '../../../shared/automated-sessions.ts';
import type { Timeline, TimelineInput } from '../../../shared/automated-timeline.ts';
import type { FileListOut } from '../../../shared/file-schemas.ts';
import { request } from '../api/http.ts';

/** The REST calls of the timeline editor and the sessions panel. */
export const automatedApi = {
  timeline: (eventId: number) => request<{ timeline: Timeline; updatedAt: string | null }>('GET', `/events/${eventId}/timeline`),
  saveTimeline: (eventId: number, timeline: TimelineInput) => request<{ timeline: Timeline; updatedAt: string }>('PUT', `/events/${eventId}/timeline`, timeline),
  files: () => request<FileListOut>('GET', '/files'),
  sessions: (eventId: number) => request<SessionsOut>('GET', `/events/${eventId}/sessions`),
  addSession: (eventId: number, startsAt: string) => request<SessionOut>('POST', `/events/${eventId}/sessions`, { startsAt }),
  moveSession: (eventId: number, sessionId: number, startsAt: string) => request<SessionOut>('PATCH', `/events/${eventId}/sessions/${sessionId}`, { startsAt, notify: true }),
  removeSession: (eventId: number, sessionId: number) => request<void>('DELETE', `/events/${eventId}/sessions/${sessionId}`),
  setRule: (eventId: number, rule: RecurrenceRule | null) => request<SessionsOut>('PUT', `/events/${eventId}/sessions/rule`, { rule }),
};
