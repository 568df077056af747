import type { HeartbeatBody, HeartbeatOut, MessageOut, OnDemandSettings, PublishOut, StatsOut, WatchOut } from '../../../shared/ondemand-schemas.ts';
import type { PollResults } from '../../../shared/poll-schemas.ts';
import { request } from '../api/http.ts';

/** The on-demand REST calls (server/api/ondemand.ts and ondemand-organizer.ts). The viewer is known by an HttpOnly cookie. */
export const ondemandApi = {
  watch: (id: number) => request<WatchOut>('GET', `/ondemand/${id}`),
  access: (id: number, body: { email?: string; name?: string; consent?: boolean; password?: string; token?: string }) => request<{ viewerToken: string }>('POST', `/ondemand/${id}/access`, body),
  startView: (id: number) => request<{ viewId: string; resumeAtMs: number }>('POST', `/ondemand/${id}/views`),
  heartbeat: (id: number, viewId: string, body: HeartbeatBody) => request<HeartbeatOut>('POST', `/ondemand/${id}/views/${viewId}/heartbeats`, body),
  ctaClick: (id: number, itemId: string) => request<{ clicks: number; url: string }>('POST', `/ondemand/${id}/cta-clicks`, { itemId }),
  answerPoll: (id: number, pollId: string, answers: { questionId: string; choiceIds?: string[]; text?: string }[]) => request<{ answered: number }>('POST', `/ondemand/${id}/polls/${pollId}/answers`, { answers }),
  pollResults: (id: number, pollId: string) => request<PollResults>('GET', `/ondemand/${id}/polls/${pollId}/results`),
  myMessages: (id: number) => request<{ messages: MessageOut[] }>('GET', `/ondemand/${id}/messages`),
  sendMessage: (id: number, body: { text: string; email?: string }) => request<MessageOut>('POST', `/ondemand/${id}/messages`, body),
  settings: (id: number) => request<OnDemandSettings>('GET', `/events/${id}/ondemand/settings`),
  saveSettings: (id: number, body: OnDemandSettings) => request<OnDemandSettings>('PUT', `/events/${id}/ondemand/settings`, body),
  inbox: (id: number) => request<{ eventName: string; delivery: string; messages: MessageOut[] }>('GET', `/events/${id}/ondemand/messages`),
  answer: (id: number, messageId: string, text: string) => request<MessageOut>('POST', `/events/${id}/ondemand/messages/${messageId}/answer`, { text }),
  stats: (id: number) => request<StatsOut>('GET', `/events/${id}/ondemand/stats`),
  publish: (recordingId: string) => request<PublishOut>('POST', `/recordings/${recordingId}/publish`, {}),
};

/** 75 000 → "1:15". */
export function mmss(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
