import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { ConfirmInline } from '../components/confirm-inline.tsx';
import { useT, type TextKey } from '../i18n/i18n.tsx';
import { ToolIcon } from './tool-icons.tsx';
import { COLORS, NOTE_COLORS, TOOLS, WIDTHS, type ToolId } from './tools.ts';

export interface ToolbarProps {
  tool: ToolId;
  onTool(tool: ToolId): void;
  color: string;
  onColor(color: string): void;
  noteColor: string;
  onNoteColor(color: string): void;
  width: (typeof WIDTHS)[number];
  onWidth(width: (typeof WIDTHS)[number]): void;
  undo: Y.UndoManager;
  selectionCount: number;
  onDeleteSelection(): void;
  /** Present for presenters and the host: clearing a page is theirs. */
  onClearPage?: () => void;
}

/** Whether this person has something to undo or redo: follows the undo manager's stacks. */
function useUndoState(undo: Y.UndoManager) {
  const [state, setState] = useState({ canUndo: undo.canUndo(), canRedo: undo.canRedo() });
  useEffect(() => {
    const update = () => setState({ canUndo: undo.canUndo(), canRedo: undo.canRedo() });
    update();
    undo.on('stack-item-added', update);
    undo.on('stack-item-popped', update);
    undo.on('stack-cleared', update);
    return () => {
      undo.off('stack-item-added', update);
      undo.off('stack-item-popped', update);
      undo.off('stack-cleared', update);
    };
  }, [undo]);
  return state;
}

/** The writers' tools: shapes, colour, width, undo and redo of one's own changes, delete and clear. */
export function WhiteboardToolbar(props: ToolbarProps) {
  const { t } = useT();
  const { canUndo, canRedo } = useUndoState(props.undo);
  const palette = props.tool === 'note' ? NOTE_COLORS : COLORS;
  const current = props.tool === 'note' ? props.noteColor : props.color;
  const pick = props.tool === 'note' ? props.onNoteColor : props.onColor;

  return (
    <div className="wb-toolbar" role="toolbar" aria-label={t('whiteboard.tools')} data-testid="whiteboard-toolbar">
      <div className="wb-group" role="radiogroup" aria-label={t('whiteboard.tools')}>
        {TOOLS.map(({ id }) => (
          <button key={id} type="button" role="radio" aria-checked={props.tool === id} className="wb-tool" title={t(`whiteboard.tool.${id}` as TextKey)} aria-label={t(`whiteboard.tool.${id}` as TextKey)} data-tool={id} onClick={() => props.onTool(id)}>
            <ToolIcon name={id} />
          </button>
        ))}
      </div>
      <div className="wb-group" role="radiogroup" aria-label={t('whiteboard.colors')}>
        {palette.map((c) => (
          <button key={c} type="button" role="radio" aria-checked={current === c} className="wb-swatch" style={{ background: c }} title={t(`whiteboard.color.${c}` as TextKey)} aria-label={t(`whiteboard.color.${c}` as TextKey)} onClick={() => pick(c)} />
        ))}
      </div>
      <div className="wb-group" role="radiogroup" aria-label={t('whiteboard.width')}>
        {WIDTHS.map((w) => (
          <button key={w} type="button" role="radio" aria-checked={props.width === w} className="wb-width" title={t('whiteboard.widthValue', { width: w })} aria-label={t('whiteboard.widthValue', { width: w })} onClick={() => props.onWidth(w)}>
            <span style={{ width: Math.min(18, w + 2), height: Math.min(18, w + 2) }} />
          </button>
        ))}
      </div>
      <div className="wb-group">
        <button type="button" className="wb-tool" title={t('whiteboard.undo')} aria-label={t('whiteboard.undo')} disabled={!canUndo} onClick={() => props.undo.undo()}><ToolIcon name="undo" /></button>
        <button type="button" className="wb-tool" title={t('whiteboard.redo')} aria-label={t('whiteboard.redo')} disabled={!canRedo} onClick={() => props.undo.redo()}><ToolIcon name="redo" /></button>
        {props.selectionCount > 0 && (
          <button type="button" className="wb-tool" title={t('whiteboard.deleteSelection')} aria-label={t('whiteboard.deleteSelection')} onClick={props.onDeleteSelection}><ToolIcon name="trash" /></button>
        )}
      </div>
      {props.onClearPage && (
        <div className="wb-group wb-clear">
          <ConfirmInline trigger={t('whiteboard.clearPage')} question={t('whiteboard.clearConfirm')} confirmLabel={t('whiteboard.clearYes')} onConfirm={async () => props.onClearPage?.()} />
        </div>
      )}
    </div>
  );
}
