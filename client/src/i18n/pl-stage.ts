import type { PluralForms } from './en.ts';
import type { enStage } from './en-stage.ts';

/** Polish text of the stage's layout (see en-stage.ts). */
const forms = (one: string, few: string, many: string): PluralForms => ({ one, few, many, other: few });

export const plStage: typeof enStage = {
  'stage.viewLabelStaff': 'Co wszyscy widzą w oknie głównym',
  'stage.viewScreen': 'Ekran',
  'stage.backToPresenter': 'Wróć do widoku prowadzącego',
  'stage.layoutLabel': 'Układ kamer',
  'stage.layoutSpeaker': 'Mówca',
  'stage.layoutGallery': 'Galeria',
  'stage.dockMove': 'Przesuń okno kamer (przeciągnij albo użyj strzałek)',
  'stage.dockFloat': 'Kamery w pływającym oknie',
  'stage.dockDock': 'Kamery z powrotem w pasku',
  'stage.screenAudio': 'Z dźwiękiem',
  'stage.laneLabel': 'Od prowadzących',
  'stage.laneCount': forms('1 element od prowadzących', '{count} elementy od prowadzących', '{count} elementów od prowadzących'),
  'stage.laneHide': 'Zwiń',
  'stage.laneShow': 'Pokaż',
  'stage.pollTab': 'Ankieta',
  'waitingList.title': 'Poczekalnia',
  'waitingList.count': forms('{count} czeka', '{count} czekają', '{count} czeka'),
  'waitingList.empty': 'Nikt jeszcze nie czeka.',
  'waitingList.since': 'od {time}',
  'waitingList.hint': 'Wejdą, gdy rozpoczniesz wydarzenie.',
  'handAlert.toast': '{name} podnosi rękę',
  'handAlert.header': forms('{count} podniesiona ręka', '{count} podniesione ręce', '{count} podniesionych rąk'),
  'handAlert.sound': 'Dźwięk przy podniesionej ręce',
  'handAlert.open': 'Pokaż uczestników',
  'branding.logoAlt': 'Logo organizatora',
  'ended.backToEvent': 'Wróć na stronę wydarzenia',
  'media.screenAudioOff': 'Ekran jest udostępniony bez dźwięku',
};
