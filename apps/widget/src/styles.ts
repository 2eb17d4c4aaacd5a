/**
 * The shadow root's only stylesheet. `all: initial` on :host and again on the inner .root stops
 * the host page's inherited styles (font, colour, line-height, text-transform...) from leaking in,
 * even when the page sets them with !important on every element; sizes are in px because rem
 * would follow the host's <html> font-size. Hosts may theme through `--fio-accent` only.
 */
export const WIDGET_CSS = `
:host{all:initial;position:fixed;right:20px;bottom:20px;z-index:2147483000;--a:var(--fio-accent,#0f766e)}
.root{all:initial;display:block;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2328}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button{font:inherit;color:inherit;cursor:pointer;margin:0}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.launcher{position:relative;display:flex;align-items:center;justify-content:center;width:60px;height:60px;margin-left:auto;border:0;border-radius:50%;background:var(--a);color:#fff;box-shadow:0 6px 20px rgba(0,0,0,.25);transition:transform .15s}
.launcher:hover{transform:scale(1.05)}
.launcher svg{width:28px;height:28px;fill:currentColor}
.badge{position:absolute;top:-2px;right:-2px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#dc2626;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center;border:2px solid #fff}
.panel{position:absolute;right:0;bottom:76px;display:flex;flex-direction:column;width:370px;height:min(600px,calc(100vh - 120px));background:#fff;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.25);overflow:hidden}
header{display:flex;align-items:center;gap:8px;padding:14px 16px;background:var(--a);color:#fff}
header div{flex:1;min-width:0}
h2{margin:0;font-size:16px;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.sub{margin:2px 0 0;font-size:12px;opacity:.9}
.close{width:36px;height:36px;border:0;border-radius:50%;background:transparent;color:#fff;font-size:22px;line-height:1}
.close:hover{background:rgba(255,255,255,.15)}
.banner{padding:6px 16px;background:#fef3c7;color:#713f12;font-size:12px}
.log{flex:1;overflow-y:auto;padding:16px 12px;background:#f6f7f9;display:flex;flex-direction:column;gap:8px}
.msg{display:flex;flex-direction:column;max-width:82%;align-self:flex-start}
.msg.visitor{align-self:flex-end;align-items:flex-end}
.msg.system{align-self:center;max-width:90%;text-align:center}
.bubble{padding:8px 12px;border-radius:14px;background:#fff;border:1px solid #e3e6ea;overflow-wrap:anywhere}
.visitor .bubble{background:var(--a);border-color:var(--a);color:#fff}
.system .bubble{background:transparent;border:0;color:#57606a;font-size:12px}
.bubble p{margin:0;white-space:pre-wrap}
.bubble p+*,.bubble img+*{margin-top:6px}
.bubble img{display:block;max-width:100%;max-height:240px;border-radius:8px}
.bubble a{color:inherit;text-decoration:underline}
.author,.meta{font-size:11px;color:#57606a;margin:2px 4px}
.failed .meta{color:#b91c1c}
.pending .bubble{opacity:.7}
.choices{display:flex;flex-direction:column;gap:4px}
.choices b{font-size:12px}
.choices button,.quick button{padding:6px 12px;border:1px solid var(--a);border-radius:16px;background:#fff;color:var(--a);text-align:left}
.choices button:hover:not(:disabled),.quick button:hover{background:var(--a);color:#fff}
.choices button:disabled{opacity:.55;cursor:default}
.choices small{display:block;color:#57606a}
.typing{align-self:flex-start;padding:8px 14px;border-radius:14px;background:#fff;border:1px solid #e3e6ea;color:#57606a}
.dots span{display:inline-block;width:6px;height:6px;margin:0 1px;border-radius:50%;background:currentColor;animation:b 1.2s infinite}
.dots span:nth-child(2){animation-delay:.2s}.dots span:nth-child(3){animation-delay:.4s}
@keyframes b{0%,60%,100%{opacity:.3}30%{opacity:1}}
.quick{display:flex;flex-wrap:wrap;gap:6px;padding:8px 12px 0;background:#fff}
form{display:flex;align-items:flex-end;gap:8px;padding:10px 12px;border-top:1px solid #e3e6ea;background:#fff}
textarea{flex:1;resize:none;max-height:110px;min-height:40px;padding:9px 12px;border:1px solid #c9ced4;border-radius:20px;font:inherit;color:inherit;background:#fff}
textarea:focus-visible{outline:2px solid var(--a);outline-offset:0;border-color:var(--a)}
.send{display:flex;align-items:center;justify-content:center;flex:none;width:40px;height:40px;border:0;border-radius:50%;background:var(--a);color:#fff}
.send svg{width:20px;height:20px;fill:currentColor}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px){:host{right:12px;bottom:12px}.panel{position:fixed;inset:0;width:auto;height:auto;border-radius:0}.panel:not([hidden])~.launcher{display:none}}
@media (prefers-reduced-motion:reduce){.launcher,.dots span{transition:none;animation:none}}
`;
