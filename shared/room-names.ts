/** The Colyseus room types of an event (the join answer names one; the recorder page enters the live one itself). */
export const LIVE_ROOM_NAME = 'live_event';
export const WAITING_ROOM_NAME = 'waiting_room';
