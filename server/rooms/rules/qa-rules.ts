import { isStaff } from '../../../shared/room-policy.ts';
import type { QuestionView } from '../../../shared/room-messages.ts';
import type { Actor, QuestionModel, RoomModel } from './room-model.ts';
import { notAllowed, refuse } from './refusal.ts';

/** Q&A mode (ROOM-7): the list, votes, states and the question in the main window. */

function question(room: RoomModel, questionId: string): QuestionModel {
  const found = room.questions.get(questionId);
  if (!found) refuse('no-such-question', 'This question does not exist.');
  return found!;
}

export function checkSetQaOpen(actor: Actor): void {
  if (!isStaff(actor.role)) notAllowed('open or close Q&A');
}

export function checkVote(room: RoomModel, actor: Actor, questionId: string): QuestionModel {
  if (!room.qaOpen) refuse('qa-closed', 'Q&A is closed.');
  if (actor.role !== 'attendee') notAllowed('vote for questions');
  const q = question(room, questionId);
  if (q.state !== 'open') refuse('question-closed', 'This question is no longer open.');
  if (q.participantId === actor.participantId) refuse('own-question', 'You cannot vote for your own question.');
  if (q.voters.has(actor.participantId)) refuse('already-voted', 'You have already voted for this question.');
  return q;
}

export function checkSetQuestionState(room: RoomModel, actor: Actor, questionId: string): QuestionModel {
  if (!isStaff(actor.role)) notAllowed('answer or dismiss questions');
  return question(room, questionId);
}

export function checkPublish(room: RoomModel, actor: Actor, questionId: string | null): QuestionModel | null {
  if (!isStaff(actor.role)) notAllowed('publish questions');
  if (questionId === null) return null;
  if (!room.qaOpen) refuse('qa-closed', 'Open Q&A first.');
  const q = question(room, questionId);
  if (q.state === 'dismissed') refuse('question-dismissed', 'A dismissed question cannot be published.');
  return q;
}

/** The list as people see it: most votes first, then oldest first. */
export function sortedQuestions(room: RoomModel): QuestionView[] {
  return [...room.questions.values()]
    .sort((a, b) => b.voters.size - a.voters.size || a.createdAt.getTime() - b.createdAt.getTime())
    .map(questionView);
}

export function questionView(q: QuestionModel): QuestionView {
  return { id: q.id, participantId: q.participantId, authorName: q.authorName, text: q.text, state: q.state, chatMessageId: q.chatMessageId, votes: q.voters.size, createdAt: q.createdAt.toISOString() };
}

/** Attendees see the list only while Q&A is open (closing Q&A hides it); staff always. */
export function maySeeQuestions(room: RoomModel, actor: Actor): boolean {
  return room.qaOpen || isStaff(actor.role);
}
