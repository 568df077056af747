import { toCsv } from '../domain/csv.ts';
import type { EventReportOut } from '../../shared/report-schemas.ts';

/** One row per attendee; the stays in one cell as `joined–left (seconds s)` separated by `; `. */
export function attendanceCsv(report: EventReportOut): string {
  const header = ['name', 'email', 'stays', 'stay_count', 'total_seconds', 'first_joined_at', 'last_left_at', 'device', 'os', 'browser', 'country',
    'rating', 'comment', 'chat_lines', 'questions_asked', 'questions_upvoted', 'poll_answers', 'test_scores', 'cta_clicks'];
  const rows = report.attendees.map((a) => [
    a.name, a.email ?? '',
    a.stays.map((s) => `${s.joinedAt}–${s.leftAt ?? 'now'} (${s.seconds} s)`).join('; '),
    a.stays.length, a.totalSeconds, a.firstJoinedAt ?? '', a.lastLeftAt ?? '', a.device ?? '', a.os ?? '', a.browser ?? '', a.country ?? '',
    a.rating ?? '', a.comment ?? '', a.chatLines, a.questionsAsked, a.questionsUpvoted, a.pollAnswers,
    Object.entries(a.testScores).map(([title, s]) => `${title}: ${s}`).join('; '), a.ctaClicks,
  ]);
  return toCsv(header, rows);
}
