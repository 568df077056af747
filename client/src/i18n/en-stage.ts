import type { PluralForms } from './en.ts';

/**
 * English text of the stage's layout: the main window's views, the camera dock, the
 * lane under the stage, the waiting list and the raised-hand alert. Part of the `en`
 * dictionary; Polish mirrors it in pl-stage.ts.
 */
const same = (one: string, other: string): PluralForms => ({ one, few: other, many: other, other });

export const enStage = {
  'stage.viewLabelStaff': 'What everyone sees in the main window',
  'stage.viewScreen': 'Screen',
  'stage.backToPresenter': "Back to the presenter's view",
  'stage.layoutLabel': 'Camera layout',
  'stage.layoutSpeaker': 'Speaker',
  'stage.layoutGallery': 'Gallery',
  'stage.dockMove': 'Move the camera window (drag, or use the arrow keys)',
  'stage.dockFloat': 'Cameras in a floating window',
  'stage.dockDock': 'Cameras back in the strip',
  'stage.screenAudio': 'With sound',
  'stage.laneLabel': 'From the presenters',
  'stage.laneCount': same('1 item from the presenters', '{count} items from the presenters'),
  'stage.laneHide': 'Minimise',
  'stage.laneShow': 'Show',
  'stage.pollTab': 'Poll',
  'waitingList.title': 'Waiting room',
  'waitingList.count': same('{count} waiting', '{count} waiting'),
  'waitingList.empty': 'Nobody is waiting yet.',
  'waitingList.since': 'since {time}',
  'waitingList.hint': 'They are let in when you start the event.',
  'handAlert.toast': '{name} raised a hand',
  'handAlert.header': same('{count} hand raised', '{count} hands raised'),
  'handAlert.sound': 'Sound for raised hands',
  'handAlert.open': 'Show participants',
  'branding.logoAlt': "Organizer's logo",
  'ended.backToEvent': 'Back to the event page',
  'media.screenAudioOff': 'The screen is shared without sound',
};
