import type { enVideo } from './en-video.ts';

/** Polish text of the stage video (see en-video.ts). */
export const plVideo: Record<keyof typeof enVideo, string> = {
  'stage.viewMedia': 'Wideo',
  'video.pick': 'Odtwórz wideo',
  'video.pickTitle': 'Odtwórz wideo dla wszystkich',
  'video.close': 'Zamknij',
  'video.loading': 'Wczytywanie biblioteki…',
  'video.libraryFailed': 'Nie udało się wczytać biblioteki. Wideo można nadal odtworzyć z linku.',
  'video.noVideos': 'W bibliotece nie ma jeszcze filmów. Prześlij film w Plikach albo odtwórz go z linku.',
  'video.byLink': 'Albo link: plik MP4, YouTube lub Vimeo',
  'video.play': 'Odtwórz',
  'video.pause': 'Wstrzymaj',
  'video.seek': 'Miejsce w filmie',
  'video.stop': 'Zdejmij wideo ze sceny',
  'video.soundBlocked': 'Przeglądarka uruchomiła film bez dźwięku.',
  'video.unmute': 'Włącz dźwięk',
  'error.not-in-library': 'Tego pliku nie ma w Twojej bibliotece.',
  'error.not-a-video': 'Ten plik nie jest filmem.',
  'error.not-ready': 'Film jest jeszcze konwertowany; spróbuj, gdy będzie gotowy.',
  'error.not-a-video-link': 'Podaj bezpośredni link do pliku wideo albo adres YouTube lub Vimeo.',
  'error.no-video': 'Na scenie nie ma filmu; najpierw go odtwórz.',
  'error.timeline-video': 'Ten film odtwarza oś czasu; aby go przesunąć, zmień oś czasu.',
  'error.beyond-end': 'To miejsce jest za końcem filmu.',
  'error.video-unavailable': 'Wideo na scenie nie jest dostępne na tym serwerze.',
};
