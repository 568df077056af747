/**
 * News on an event's channel: a library file shown on the stage (the slides or the
 * video) was deleted, so it was taken off. The open room reloads what the stage shows
 * and tells its presenters why, naming the file.
 */
export interface StageFileDeletedNews {
  kind: 'stage-file-deleted';
  /** Which of the stage's windows showed it. */
  view: 'slides' | 'media';
  /** The file's name, for the presenters' notice. */
  title: string;
}

export function stageFileDeleted(view: StageFileDeletedNews['view'], title: string): StageFileDeletedNews {
  return { kind: 'stage-file-deleted', view, title };
}

export function isStageFileDeletedNews(news: unknown): news is StageFileDeletedNews {
  return typeof news === 'object' && news !== null && (news as { kind?: unknown }).kind === 'stage-file-deleted';
}

/** The presenters' notice (a RoomError the client shows over the room; the client reads the name back from it). */
export function stageFileDeletedNotice(news: StageFileDeletedNews): { code: string; message: string } {
  const what = news.view === 'slides' ? 'presentation' : 'video';
  return { code: 'stage-file-deleted', message: `“${news.title}” was deleted from the file library, so the ${what} was taken off the stage.` };
}
