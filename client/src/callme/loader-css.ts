/** The button's styles, adopted by its shadow root: `all: initial` keeps the host page's CSS out. */
export const LOADER_CSS = `
:host{all:initial}
.w{position:fixed;z-index:2147483000;display:flex;flex-direction:column;gap:8px;font:14px/1.2 system-ui,sans-serif}
.bottom-right{right:20px;bottom:20px;align-items:flex-end}.bottom-left{left:20px;bottom:20px;align-items:flex-start}
.top-right{right:20px;top:20px;align-items:flex-end;flex-direction:column-reverse}.top-left{left:20px;top:20px;align-items:flex-start;flex-direction:column-reverse}
.stick-horizontal.bottom-right,.stick-horizontal.bottom-left,.stick-both.bottom-right,.stick-both.bottom-left{bottom:0}
.stick-horizontal.top-right,.stick-horizontal.top-left,.stick-both.top-right,.stick-both.top-left{top:0}
.stick-vertical.bottom-right,.stick-vertical.top-right,.stick-both.bottom-right,.stick-both.top-right{right:0}
.stick-vertical.bottom-left,.stick-vertical.top-left,.stick-both.bottom-left,.stick-both.top-left{left:0}
.btn{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;gap:8px;cursor:pointer;color:#fff;border-radius:999px;box-shadow:0 4px 14px rgba(0,0,0,.25);padding:0 14px}
.btn:focus-visible{outline:3px solid #111;outline-offset:2px}
.small .btn{height:40px;font-size:12px}.medium .btn{height:52px;font-size:14px}.large .btn{height:64px;font-size:17px}
.green .btn{background:#15803d}.blue .btn{background:#1d4ed8}.violet .btn{background:#6d28d9}.orange .btn{background:#c2410c}
.icon{width:1.6em;height:1.6em;border-radius:50%;background:rgba(255,255,255,.25);display:inline-flex;align-items:center;justify-content:center}
.icon::before{font-weight:700;content:"\\260E"}.icon.chat::before{content:"\\2709"}.icon.chat-voice::before{content:"\\260E\\2709";font-size:.7em}
.label{display:none;white-space:nowrap}.labelled .label{display:inline}
.badge:empty{display:none}.badge{background:#dc2626;border-radius:999px;padding:1px 6px;font-size:11px}
.frame{border:0;width:360px;height:520px;max-height:calc(100vh - 100px);border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);background:#fff;display:none}
.open .frame{display:block}.min .frame{display:block;height:48px}
`;
