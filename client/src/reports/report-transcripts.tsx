import type { EventReportOut } from '../../../shared/report-schemas.ts';
import { formatClock } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';

/** The chat and the Q&A as they happened, with times and authors. */
export function ReportTranscripts({ report }: { report: EventReportOut }) {
  const { t, lang } = useT();
  return (
    <div className="chart-grid">
      <section className="card stack" aria-labelledby="chat-transcript">
        <h2 id="chat-transcript" className="card-title">{t('report.chat')}</h2>
        {report.chat.length === 0 ? <p className="muted">{t('report.noChat')}</p> : (
          <ol className="transcript" data-testid="chat-transcript">
            {report.chat.map((line, i) => (
              <li key={i}><time className="muted small">{formatClock(line.at, lang)}</time> <strong>{line.name}</strong> <span>{line.text}</span></li>
            ))}
          </ol>
        )}
      </section>
      <section className="card stack" aria-labelledby="qa-transcript">
        <h2 id="qa-transcript" className="card-title">{t('report.questions')}</h2>
        {report.questions.length === 0 ? <p className="muted">{t('report.noQuestions')}</p> : (
          <ol className="transcript" data-testid="qa-transcript">
            {report.questions.map((q, i) => (
              <li key={i}>
                <time className="muted small">{formatClock(q.at, lang)}</time> <strong>{q.name}</strong> <span>{q.text}</span>{' '}
                <span className="badge badge-plain badge-xs">{t(`report.questionState.${q.state}` as 'report.questionState.open')}</span>{' '}
                <span className="muted small">{t('report.votes', { count: q.votes })}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
