import type { ToolId } from './tools.ts';

/** Line icons of the toolbar (24×24, drawn with the current text colour). */
const PATHS: Record<ToolId | 'undo' | 'redo' | 'trash' | 'clear', string> = {
  select: 'M5 3l14 8-6 1.5L10 19z',
  pen: 'M4 20l4-1L19 8l-3-3L5 16zM14 7l3 3',
  highlighter: 'M9 15l-3 3v2h4l3-3M9 15l6-10 4 4-6 10zM4 21h16',
  line: 'M5 19L19 5',
  arrow: 'M5 19L19 5M10 5h9v9',
  rect: 'M4 6h16v12H4z',
  ellipse: 'M12 5c4.4 0 8 3.1 8 7s-3.6 7-8 7-8-3.1-8-7 3.6-7 8-7z',
  text: 'M5 6V4h14v2M12 4v16M9 20h6',
  note: 'M5 4h14v10l-6 6H5zM13 20v-6h6',
  eraser: 'M8 20h12M4.5 15.5l9-9a2 2 0 012.8 0l2.2 2.2a2 2 0 010 2.8L12 18H7z',
  undo: 'M9 14L4 9l5-5M4 9h10a6 6 0 010 12h-3',
  redo: 'M15 14l5-5-5-5M20 9H10a6 6 0 000 12h3',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  clear: 'M4 4h16v16H4zM8 8l8 8M16 8l-8 8',
};

export function ToolIcon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="wb-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <path d={PATHS[name]} />
    </svg>
  );
}
