import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.cleanup());

/** Issue 12, "REST API for timelines, sessions, on-demand viewers and messages, in the OpenAPI document". */
describe('the OpenAPI document of automated and on-demand webinars (AUTO, OD)', () => {
  it('lists every endpoint of timelines, sessions, the override log, on-demand viewers, messages and statistics, with their request bodies', async () => {
    const document = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    const paths = document.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }; summary?: string }>>;
    const operations = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations).toEqual(expect.arrayContaining([
      // Timelines and the log of manual changes.
      'GET /events/{id}/timeline', 'PUT /events/{id}/timeline', 'GET /events/{id}/automated-log',
      // Sessions.
      'GET /events/{id}/sessions', 'POST /events/{id}/sessions', 'PATCH /events/{id}/sessions/{sessionId}', 'DELETE /events/{id}/sessions/{sessionId}', 'PUT /events/{id}/sessions/rule',
      // On-demand viewers.
      'GET /ondemand/{id}', 'POST /ondemand/{id}/access', 'POST /ondemand/{id}/views', 'POST /ondemand/{id}/views/{viewId}/heartbeats',
      'POST /ondemand/{id}/cta-clicks', 'POST /ondemand/{id}/polls/{pollId}/answers', 'GET /ondemand/{id}/polls/{pollId}/results',
      // Messages, both sides.
      'GET /ondemand/{id}/messages', 'POST /ondemand/{id}/messages', 'GET /events/{id}/ondemand/messages', 'POST /events/{id}/ondemand/messages/{messageId}/answer',
      // Settings, statistics (JSON and CSV) and publishing a recording.
      'GET /events/{id}/ondemand/settings', 'PUT /events/{id}/ondemand/settings', 'GET /events/{id}/ondemand/stats', 'GET /events/{id}/ondemand/stats.csv',
      'POST /recordings/{recordingId}/publish',
    ]));
    // The bodies come from the schemas the server validates with.
    const timeline = paths['/events/{id}/timeline']!.put!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(timeline.properties ?? {})).toEqual(expect.arrayContaining(['version', 'main', 'overlay']));
    const access = paths['/ondemand/{id}/access']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(access.properties ?? {})).toEqual(expect.arrayContaining(['email', 'consent', 'password', 'token']));
    const heartbeat = paths['/ondemand/{id}/views/{viewId}/heartbeats']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(heartbeat.properties ?? {})).toEqual(expect.arrayContaining(['positionMs', 'ranges']));
  });
});
