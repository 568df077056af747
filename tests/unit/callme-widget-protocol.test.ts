import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FrameToLoader, LoaderToFrame } from '../../shared/callme-widget-protocol.ts';

describe('the widget’s postMessage protocol', () => {
  it('accepts only the typed messages, exactly as specified', () => {
    expect(v.safeParse(FrameToLoader, { type: 'callme:unread', count: 3 }).success).toBe(true);
    expect(v.safeParse(LoaderToFrame, { type: 'callme:state', state: 'minimised' }).success).toBe(true);
    expect(v.safeParse(LoaderToFrame, { type: 'callme:token', token: null }).success).toBe(true);
    for (const bad of [{ type: 'callme:unread', count: -1 }, { type: 'callme:unread', count: 1.5 }, { type: 'callme:token', token: '<script>' }, { type: 'callme:state', state: 'closed' }, 'callme:close', null, [], { type: 'CALLME:CLOSE' }]) {
      expect(v.safeParse(FrameToLoader, bad).success && v.safeParse(LoaderToFrame, bad).success).toBe(false);
    }
  });

  it('refuses random payloads (anything that is not one of its messages)', () => {
    const known = new Set(['callme:minimise', 'callme:restore', 'callme:close', 'callme:unread', 'callme:ready', 'callme:token', 'callme:state']);
    fc.assert(fc.property(fc.anything(), (payload) => {
      const type = (payload as { type?: unknown } | null)?.type;
      if (typeof type === 'string' && known.has(type)) return;
      expect(v.safeParse(FrameToLoader, payload).success).toBe(false);
      expect(v.safeParse(LoaderToFrame, payload).success).toBe(false);
    }), { numRuns: 500 });
  });
});
