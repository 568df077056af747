import { SERVER_MESSAGES } from '../../shared/room-messages.ts';
import type { RoomContext } from './room-context.ts';
import { checkMarkQuestion } from './rules/chat-rules.ts';
import { checkPublish, checkSetQaOpen, checkSetQuestionState, checkVote, questionView, sortedQuestions } from './rules/qa-rules.ts';
import type { Actor, QuestionModel } from './rules/room-model.ts';

/** Q&A mode (ROOM-7): questions from the chat, votes, states and the main-window question. */
export class QaDesk {
  constructor(private readonly ctx: RoomContext) {}

  setOpen(sessionId: string, open: boolean): void {
    checkSetQaOpen(this.ctx.actorOf(sessionId));
    const publishedQuestionId = open ? this.ctx.model.publishedQuestionId : null;
    this.ctx.saveState({ qaOpen: open, publishedQuestionId });
    Object.assign(this.ctx.model, { qaOpen: open, publishedQuestionId });
    this.ctx.outlet.sync();
    if (open) this.ctx.outlet.broadcast(SERVER_MESSAGES.questions, sortedQuestions(this.ctx.model));
  }

  markQuestion(sessionId: string, messageId: string): void {
    const actor = this.ctx.actorOf(sessionId);
    const line = this.ctx.services.chat.find(this.ctx.model.eventId, messageId);
    checkMarkQuestion(this.ctx.model, actor, line, line ? this.ctx.services.store.isQuestion(line.id) : false);
    const author = this.ctx.model.participants.get(line!.participantId);
    this.add({ participantId: line!.participantId, name: author?.name ?? line!.name, role: author?.role ?? 'attendee' }, line!.text, line!.id);
  }

  vote(sessionId: string, questionId: string): void {
    const actor = this.ctx.actorOf(sessionId);
    const question = checkVote(this.ctx.model, actor, questionId);
    this.ctx.services.store.addVote(question.id, actor.participantId);
    question.voters.add(actor.participantId);
    this.changed(question);
    this.ctx.sendYou(this.ctx.participant(actor.participantId));
  }

  setState(sessionId: string, questionId: string, state: QuestionModel['state']): void {
    const question = checkSetQuestionState(this.ctx.model, this.ctx.actorOf(sessionId), questionId);
    this.ctx.services.store.setQuestionState(question.id, state);
    question.state = state;
    if (state === 'dismissed' && this.ctx.model.publishedQuestionId === question.id) {
      this.ctx.saveState({ publishedQuestionId: null });
      this.ctx.model.publishedQuestionId = null;
      this.ctx.outlet.sync();
    }
    this.changed(question);
  }

  publish(sessionId: string, questionId: string | null): void {
    const question = checkPublish(this.ctx.model, this.ctx.actorOf(sessionId), questionId);
    this.ctx.saveState({ publishedQuestionId: question?.id ?? null });
    this.ctx.model.publishedQuestionId = question?.id ?? null;
    this.ctx.outlet.sync();
  }

  /** A new question, from a chat line sent as a question or marked as one. */
  add(author: Actor, text: string, chatMessageId: string | null): void {
    const { services, model } = this.ctx;
    const question: QuestionModel = { id: services.newId(), participantId: author.participantId, authorName: author.name, text, state: 'open', chatMessageId, voters: new Set(), createdAt: services.now() };
    services.store.addQuestion(model.eventId, question);
    model.questions.set(question.id, question);
    this.changed(question);
  }

  /** Attendees hear about questions only while Q&A is open; staff always. */
  private changed(question: QuestionModel): void {
    const view = questionView(question);
    if (this.ctx.model.qaOpen) this.ctx.outlet.broadcast(SERVER_MESSAGES.questionUpdate, view);
    else this.ctx.toStaff(SERVER_MESSAGES.questionUpdate, view);
    if (this.ctx.model.publishedQuestionId === question.id) this.ctx.outlet.sync();
  }
}
