import { randomBytes } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordingListOut, RecordingOut, RecordingSendOut, RecordingSendsOut, RecordingState, ShareOut, TrimBody } from '../../shared/recording-schemas.ts';
import type { RecordingMailer } from './recording-mailer.ts';
import { AppError, notFound } from '../domain/app-error.ts';
import { trimCopy } from './mp4-tools.ts';
import type { RecordingService } from './recording-service.ts';
import { keptOf, type RecordingRow, type RecordingsStore } from './recordings-store.ts';

const notReady = () => new AppError('recording-not-ready', 409, 'This recording is not ready yet.');

/**
 * The recordings library (POST-2) behind the REST routes: what an organizer sees of
 * their account's recordings and may do with them. Trims are kept as points and cut
 * (without re-encoding) into a copy beside the original, which stays whole.
 */
export class RecordingLibrary {
  constructor(
    private readonly store: RecordingsStore,
    private readonly service: RecordingService,
    private readonly deps: { newId(): string; now(): Date; baseUrl(): string; mailer?: RecordingMailer | undefined },
  ) {}

  /** "Send": e-mails a share link (the newest one, or a new one) to the event's attendees. */
  send(accountId: string, id: string): RecordingSendOut {
    const row = this.row(accountId, id);
    if (!this.playable(row)) throw notReady();
    if (!this.deps.mailer) throw new AppError('mail-unavailable', 503, 'E-mail is not available on this server.');
    const listed = this.store.list(accountId).find((r) => r.id === row.id)!;
    if (this.deps.mailer.recipients(row.eventId).length === 0) throw new AppError('no-attendees', 409, 'Nobody with an e-mail address registered for or attended this event, so there is nobody to send it to.');
    const share = this.store.shares(row.id).at(-1) ?? this.store.addShare({ id: this.deps.newId(), recordingId: row.id, token: randomBytes(32).toString('base64url'), createdAt: this.deps.now() });
    return this.deps.mailer.send({ accountId, eventId: row.eventId, eventName: listed.eventName, recordingId: row.id, batch: this.deps.newId(), url: this.shareOut(share).url });
  }

  sends(accountId: string, id: string): RecordingSendsOut {
    const row = this.row(accountId, id);
    if (!this.deps.mailer) throw new AppError('mail-unavailable', 503, 'E-mail is not available on this server.');
    return this.deps.mailer.status(accountId, row.id);
  }

  list(accountId: string): RecordingListOut {
    const rows = this.store.list(accountId);
    const parts = this.store.partsOf(rows.map((r) => r.id));
    return {
      recordings: rows.map((r) => this.out(r, parts.filter((p) => p.recordingId === r.id))),
      storage: this.service.storage(accountId),
    };
  }

  one(accountId: string, id: string): RecordingOut {
    const row = this.row(accountId, id);
    const listed = this.store.list(accountId).find((r) => r.id === row.id)!;
    return this.out(listed, this.store.parts(row.id));
  }

  private row(accountId: string, id: string): RecordingRow {
    const row = this.store.ofAccount(id, accountId);
    if (!row) throw notFound('Recording');
    return row;
  }

  private playable(row: RecordingRow): boolean {
    return existsSync(this.service.finalFile(row.id)) && (row.state === 'ready' || row.partial);
  }

  private out(row: RecordingRow & { eventName: string; eventPublicId: number }, parts: ReturnType<RecordingsStore['parts']>): RecordingOut {
    const ready = this.playable(row);
    const base = `/recordings/${row.id}`;
    return {
      id: row.id,
      eventId: row.eventPublicId,
      eventName: row.eventName,
      state: row.state as RecordingState,
      partial: row.partial,
      parts: parts.length,
      language: row.language,
      backend: row.backend,
      startedAt: row.startedAt.toISOString(),
      endedAt: row.endedAt?.toISOString() ?? null,
      durationMs: row.durationMs,
      sizeBytes: row.sizeBytes,
      trimInMs: row.trimInMs,
      trimOutMs: row.trimOutMs,
      error: row.error,
      videoUrl: ready ? `${base}/video` : null,
      thumbnailUrl: ready && existsSync(this.service.thumbFile(row.id)) ? `${base}/thumbnail` : null,
      downloadUrl: ready ? `${base}/download` : null,
      kept: parts.flatMap(keptOf),
    };
  }

  videoPath(accountId: string, id: string): string {
    const row = this.row(accountId, id);
    if (!this.playable(row)) throw notReady();
    return this.service.finalFile(row.id);
  }

  thumbPath(accountId: string, id: string): string | undefined {
    const path = this.service.thumbFile(this.row(accountId, id).id);
    return existsSync(path) ? path : undefined;
  }

  /** The whole file, or the cut between the trim points (made once, kept beside it). */
  async download(accountId: string, id: string): Promise<{ path: string; name: string }> {
    const row = this.row(accountId, id);
    if (!this.playable(row)) throw notReady();
    const name = `recording-${row.startedAt.toISOString().slice(0, 16).replace(/[:T]/g, '-')}.mp4`;
    if (row.trimInMs === null && row.trimOutMs === null) return { path: this.service.finalFile(row.id), name };
    return { path: await this.cut(row), name };
  }

  private trimmedFile(row: RecordingRow): string {
    return join(this.service.folder(row.id), `trim-${row.trimInMs ?? 0}-${row.trimOutMs ?? row.durationMs ?? 0}.mp4`);
  }

  private async cut(row: RecordingRow): Promise<string> {
    const path = this.trimmedFile(row);
    if (!existsSync(path)) await trimCopy(this.service.finalFile(row.id), path, row.trimInMs ?? 0, row.trimOutMs ?? row.durationMs ?? 0);
    return path;
  }

  /** Sets (or clears) the in and out points; the in point moves to the keyframe at or before it. */
  async trim(accountId: string, id: string, body: TrimBody): Promise<RecordingOut> {
    const row = this.row(accountId, id);
    if (row.state !== 'ready' || row.partial || row.durationMs === null) throw notReady();
    if ((body.outMs ?? 0) > row.durationMs) throw new AppError('invalid-trim', 400, `The out point is after the end of the recording (${(row.durationMs / 1000).toFixed(1)} s).`);
    if ((body.inMs ?? 0) >= row.durationMs) throw new AppError('invalid-trim', 400, 'The in point is after the end of the recording.');
    if (body.inMs === null && body.outMs === null) {
      this.store.update(row.id, { trimInMs: null, trimOutMs: null });
      return this.one(accountId, id);
    }
    const outMs = body.outMs ?? row.durationMs;
    const next = { ...row, trimInMs: body.inMs ?? 0, trimOutMs: outMs };
    // Cut now: the points the cut really has are the ones stored (the keyframe before the in point).
    const tmp = join(this.service.folder(row.id), `.trim-${this.deps.newId()}.mp4`);
    const points = await trimCopy(this.service.finalFile(row.id), tmp, next.trimInMs, outMs);
    const final = { ...row, trimInMs: points.inMs, trimOutMs: points.outMs };
    renameSync(tmp, this.trimmedFile(final));
    this.store.update(row.id, { trimInMs: points.inMs, trimOutMs: points.outMs });
    return this.one(accountId, id);
  }

  remove(accountId: string, id: string): void {
    this.service.remove(this.row(accountId, id));
  }

  shares(accountId: string, id: string): ShareOut[] {
    return this.store.shares(this.row(accountId, id).id).map((s) => this.shareOut(s));
  }

  share(accountId: string, id: string): ShareOut {
    const row = this.row(accountId, id);
    if (!this.playable(row)) throw notReady();
    // 32 random bytes: unguessable; the link is the only key.
    const share = this.store.addShare({ id: this.deps.newId(), recordingId: row.id, token: randomBytes(32).toString('base64url'), createdAt: this.deps.now() });
    return this.shareOut(share);
  }

  revoke(accountId: string, id: string, shareId: string): void {
    if (!this.store.revokeShare(this.row(accountId, id).id, shareId, this.deps.now())) throw notFound('Share link');
  }

  private shareOut(s: { id: string; token: string; createdAt: Date }): ShareOut {
    return { id: s.id, url: `${this.deps.baseUrl()}/recording/${s.token}`, createdAt: s.createdAt.toISOString() };
  }

  private shared(token: string): RecordingRow {
    const share = this.store.shareByToken(token);
    const row = share ? this.store.get(share.recordingId) : undefined;
    if (!row || !this.playable(row)) throw notFound('Shared recording');
    return row;
  }

  sharedInfo(token: string): { eventName: string; durationMs: number | null; startedAt: string; videoUrl: string } {
    const row = this.shared(token);
    const listed = this.store.list(row.accountId).find((r) => r.id === row.id)!;
    return { eventName: listed.eventName, durationMs: row.durationMs, startedAt: row.startedAt.toISOString(), videoUrl: `/shared-recordings/${token}/video` };
  }

  sharedVideoPath(token: string): string {
    return this.service.finalFile(this.shared(token).id);
  }

  settings(accountId: string): { autostart: boolean } {
    return { autostart: this.store.autostart(accountId) };
  }

  saveSettings(accountId: string, autostart: boolean): { autostart: boolean } {
    this.store.setAutostart(accountId, autostart);
    return this.settings(accountId);
  }
}
