import { useEffect, useRef, useState } from 'react';
import { FONT_FAMILY, LINE_HEIGHT, NOTE_FONT_SIZE, NOTE_PADDING, NOTE_TEXT_COLOR, cornersRect } from '../../../shared/whiteboard-geometry.ts';
import { MAX_TEXT_LENGTH, appendShape, newShapeId, removeShapes, replaceShapeData, type BoardShape } from '../../../shared/whiteboard-model.ts';
import { NOTE_SIZE } from './tools.ts';
import { LOCAL_ORIGIN, type WhiteboardSession } from './whiteboard-session.ts';

/** A text or sticky note being written: a new one at a point, or an existing one (`shape`). */
export interface Editing {
  kind: 'text' | 'note';
  x: number;
  y: number;
  text: string;
  color: string;
  /** Font size of a text. */
  size: number;
  shape?: BoardShape;
}

/**
 * A text box laid over the board where the text will be, in the text's own size and
 * colour (a note's paper). Enter or leaving the box keeps the text; Shift+Enter adds a
 * line; Escape drops the edit.
 */
export function TextEditor({ editing, scale, placeholder, session, page, onDone }: {
  editing: Editing;
  scale: number;
  placeholder: string;
  session: WhiteboardSession;
  page: string;
  onDone(): void;
}) {
  const [text, setText] = useState(editing.text);
  const done = useRef(false);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);

  const finish = (keep: boolean) => {
    if (done.current) return;
    done.current = true;
    const value = text.replace(/\s+$/, '');
    const { shape } = editing;
    session.undo.stopCapturing();
    if (keep && shape) {
      if (!value && shape.data.k === 'text') removeShapes(session.doc, page, new Set([shape.map]), LOCAL_ORIGIN);
      else if (value !== (shape.data.t ?? '')) replaceShapeData(session.doc, shape.map, { ...shape.data, t: value }, LOCAL_ORIGIN);
    } else if (keep && editing.kind === 'text' && value) {
      appendShape(session.doc, page, { id: newShapeId(), k: 'text', c: editing.color, w: editing.size, p: [editing.x, editing.y], t: value }, LOCAL_ORIGIN);
    } else if (keep && editing.kind === 'note') {
      const p = [editing.x, editing.y, editing.x + NOTE_SIZE.w, editing.y + NOTE_SIZE.h];
      appendShape(session.doc, page, { id: newShapeId(), k: 'note', c: editing.color, w: 1, p, t: value }, LOCAL_ORIGIN);
    }
    onDone();
  };

  const note = editing.kind === 'note';
  const box = note && editing.shape ? cornersRect(editing.shape.data.p) : { w: NOTE_SIZE.w, h: NOTE_SIZE.h };
  const fontSize = (note ? NOTE_FONT_SIZE : editing.size) * scale;
  return (
    <textarea
      ref={area}
      className={`wb-text-editor ${note ? 'is-note' : ''}`}
      data-testid="whiteboard-text-editor"
      value={text}
      maxLength={MAX_TEXT_LENGTH}
      placeholder={placeholder}
      aria-label={placeholder}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') finish(false);
        // A text ends with Enter; a note, which holds several lines, with Ctrl+Enter (or by leaving it).
        else if (e.key === 'Enter' && ((!e.shiftKey && !note) || e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          finish(true);
        }
      }}
      style={{
        left: editing.x * scale,
        top: editing.y * scale,
        fontSize,
        lineHeight: LINE_HEIGHT,
        fontFamily: FONT_FAMILY,
        color: note ? NOTE_TEXT_COLOR : editing.color,
        ...(note && { width: box.w * scale, height: box.h * scale, background: editing.color, padding: NOTE_PADDING * scale }),
      }}
    />
  );
}
