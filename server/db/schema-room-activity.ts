import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { id, createdAt, timestamp } from './columns.ts';
import { chatMessages } from './schema-chat.ts';
import { events, participants } from './schema-events.ts';

/** What happens in a live room besides chat: questions, polls, calls to action. */

export const questions = sqliteTable('questions', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  participantId: text('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
  authorName: text('author_name').notNull(),
  text: text('text').notNull(),
  state: text('state', { enum: ['open', 'answered', 'dismissed'] }).notNull(),
  /** The chat line it came from, when one was marked as a question. */
  chatMessageId: text('chat_message_id').references(() => chatMessages.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
}, (t) => [index('questions_event_idx').on(t.eventId)]);

/** One vote per participant and question: the primary key refuses a second one. */
export const questionVotes = sqliteTable('question_votes', {
  questionId: text('question_id').notNull().references(() => questions.id, { onDelete: 'cascade' }),
  participantId: text('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.questionId, t.participantId] })]);

export const polls = sqliteTable('polls', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['poll', 'test'] }).notNull(),
  title: text('title').notNull(),
  /** The questions with their choices as JSON (PollQuestion[]). */
  questions: text('questions', { mode: 'json' }).notNull(),
  status: text('status', { enum: ['draft', 'running', 'ended'] }).notNull(),
  resultsVisible: integer('results_visible', { mode: 'boolean' }).notNull(),
  /** Keeps prepared polls in the order they were written. */
  position: integer('position').notNull(),
  createdAt: createdAt(),
  startedAt: timestamp('started_at'),
  endedAt: timestamp('ended_at'),
}, (t) => [index('polls_event_idx').on(t.eventId)]);

/** Every individual answer, for statistics and CSV; one per participant and question. */
export const pollAnswers = sqliteTable('poll_answers', {
  pollId: text('poll_id').notNull().references(() => polls.id, { onDelete: 'cascade' }),
  questionId: text('question_id').notNull(),
  participantId: text('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
  /** `{ choiceIds: string[] }` or `{ text: string }`. */
  answer: text('answer', { mode: 'json' }).notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.pollId, t.questionId, t.participantId] })]);

export const ctaShows = sqliteTable('cta_shows', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  message: text('message').notNull(),
  buttonLabel: text('button_label').notNull(),
  url: text('url').notNull(),
  shownAt: timestamp('shown_at').notNull(),
  endsAt: timestamp('ends_at'),
  closedAt: timestamp('closed_at'),
}, (t) => [index('cta_shows_event_idx').on(t.eventId)]);

export const ctaClicks = sqliteTable('cta_clicks', {
  ctaId: text('cta_id').notNull().references(() => ctaShows.id, { onDelete: 'cascade' }),
  participantId: text('participant_id').notNull().references(() => participants.id, { onDelete: 'cascade' }),
  clicks: integer('clicks').notNull(),
  lastClickedAt: timestamp('last_clicked_at').notNull(),
}, (t) => [primaryKey({ columns: [t.ctaId, t.participantId] })]);

/** The mode changes over time, for the record (and for what was recorded when). */
export const modeChanges = sqliteTable('mode_changes', {
  id: id(),
  eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  mode: text('mode').notNull(),
  participantId: text('participant_id'),
  createdAt: createdAt(),
});
