import { ChartBar, Hand, Megaphone, MessageCircleQuestion, MessageSquare, Users } from 'lucide-react';
import { useEffect, useState } from 'react';
import { CLIENT_MESSAGES, type QuestionView, type RoomError } from '../../../shared/room-messages.ts';
import { useT } from '../i18n/i18n.tsx';
import { ChatPanel } from './chat-panel.tsx';
import { CtaPanel } from './cta-panel.tsx';
import type { LiveView } from './live-view.ts';
import { onlineCount, ParticipantList } from './participant-list.tsx';
import { PollsPanel } from './polls-panel.tsx';
import { QaPanel } from './qa-panel.tsx';
import { SidePanel, type SideTab } from './side-panel.tsx';
import { StagePoll } from './stage-poll.tsx';
import type { YourAnswer } from './use-room-connection.ts';
import type { useChatFeed } from './use-chat-feed.ts';
import type { useStaffFeed } from './use-staff-feed.ts';

/** The side panel's content: chat, Q&A and participants for everyone; polls and the call to action for presenters. */
export function RoomTabs({ live, staff, isHost, selfId, connected, chat, questions, staffFeed, votedIds, yourAnswers, language, chatError, onEditChat, onLanguage, sendChat, askQuestion, act }: {
  live: LiveView;
  staff: boolean;
  isHost: boolean;
  selfId: string;
  connected: boolean;
  chat: ReturnType<typeof useChatFeed>;
  questions: QuestionView[];
  staffFeed: ReturnType<typeof useStaffFeed>;
  votedIds: string[] | undefined;
  yourAnswers: YourAnswer[];
  language: string | null;
  chatError: RoomError | undefined;
  onEditChat: () => void;
  onLanguage: (language: string | null) => void;
  sendChat: (text: string, asQuestion: boolean) => boolean;
  askQuestion: (text: string) => boolean;
  act: (type: string, message?: unknown) => void;
}) {
  const { t } = useT();
  const [tab, setTab] = useState('chat');
  // New chat lines while another tab is showing put a dot on the chat tab.
  const [seen, setSeen] = useState(0);
  useEffect(() => {
    if (tab === 'chat') setSeen(chat.messages.length);
  }, [tab, chat.messages.length]);

  const roster = staff ? staffFeed.roster : undefined;
  const people = onlineCount(roster, live.speakers, live.attendeesOnline);
  const openQuestions = questions.filter((q) => q.state === 'open').length;
  const isLive = live.status === 'live';

  const tabs: SideTab[] = [
    {
      id: 'chat', label: t('room.chat'), icon: <MessageSquare size={15} aria-hidden="true" />, alert: tab !== 'chat' && chat.messages.length > seen,
      content: (
        <ChatPanel live={live} staff={staff} selfId={selfId} messages={chat.messages} translations={chat.translations} questions={questions}
          language={language} connected={connected} roomError={chatError} onEdit={onEditChat} onLanguage={onLanguage} onSend={sendChat}
          onDelete={(messageId) => act(CLIENT_MESSAGES.chatDelete, { messageId })}
          onMarkQuestion={(messageId) => act(CLIENT_MESSAGES.markQuestion, { messageId })} />
      ),
    },
    {
      id: 'qa', label: t('qa.tab'), icon: <MessageCircleQuestion size={15} aria-hidden="true" />, badge: staff || live.qaOpen ? openQuestions : undefined,
      content: (
        <QaPanel live={live} staff={staff} selfId={selfId} questions={questions} votedIds={new Set(votedIds ?? [])} act={act}
          onAsk={askQuestion} />
      ),
    },
    {
      id: 'people', label: t('room.participants'), icon: <Users size={15} aria-hidden="true" />, shortLabel: t('people.tabShort'), badge: people, alert: tab !== 'people' && staff && live.handsRaised > 0,
      content: (
        <>
          <div className="panel-head">
            <h2 className="panel-title">{t('room.participants')}</h2>
            {staff && live.handsRaised > 0 && <span className="badge badge-warning" data-testid="hands-count"><Hand size={13} aria-hidden="true" /> {live.handsRaised}</span>}
          </div>
          <ParticipantList roster={roster} speakers={live.speakers} attendeesOnline={live.attendeesOnline} selfId={selfId} isHost={isHost} act={act} />
        </>
      ),
    },
  ];
  // An ended poll leaves the stage; an attendee finds it, and its results when shown, here.
  const lastPoll = !staff && live.poll && live.poll.status !== 'running' ? live.poll : undefined;
  if (lastPoll) {
    tabs.push({
      id: 'poll', label: t('stage.pollTab'), icon: <ChartBar size={15} aria-hidden="true" />, alert: tab !== 'poll' && live.pollResults?.pollId === lastPoll.id,
      content: (
        <StagePoll key={lastPoll.id} poll={lastPoll} sharedResults={live.pollResults} liveResults={undefined} staff={false} errorSeq={undefined}
          answers={yourAnswers.filter((a) => a.pollId === lastPoll.id)} onAnswer={() => undefined} testId="panel-poll" />
      ),
    });
  }
  if (staff) {
    const running = staffFeed.polls.some((p) => p.status === 'running');
    tabs.push(
      { id: 'polls', label: t('poll.tab'), icon: <ChartBar size={15} aria-hidden="true" />, badge: running ? '●' : undefined, content: <PollsPanel polls={staffFeed.polls} liveResults={staffFeed.liveResults} live={isLive} act={act} /> },
      { id: 'cta', label: t('cta.tab'), icon: <Megaphone size={15} aria-hidden="true" />, badge: live.cta ? '●' : undefined, content: <CtaPanel cta={live.cta} stats={staffFeed.ctaStats} live={isLive} act={act} /> },
    );
  }
  return <SidePanel tabs={tabs} active={tab} onSelect={setTab} />;
}
