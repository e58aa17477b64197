/**
 * The stylesheet every HTML preview inlines. Colours and spacing follow Plain's timeline:
 * a quiet grey page, white event cards, pill badges and small outlined buttons. Class names
 * carry enum values (`badge-GREEN`), which the view model has already checked against Plain's
 * lists, so no payload string ever reaches a class name.
 */
export const PREVIEW_CSS = `
:root { color-scheme: light; --fg: #1c2024; --muted: #6b7280; --border: #e3e6ea;
  --page: #f5f6f8; --card: #ffffff; --accent: #4f46e5; --link: #3e63dd; }
* { box-sizing: border-box; }
html, body { margin: 0; }
body { padding: 32px 24px; background: var(--page); color: var(--fg);
  font: 14px/1.5 Inter, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  -webkit-font-smoothing: antialiased; }
.timeline { max-width: 680px; margin: 0 auto; }
.event { display: flex; gap: 12px; }
.event-rail { flex: 0 0 28px; display: flex; flex-direction: column; align-items: center; }
.event-rail::after { content: ""; flex: 1; width: 2px; margin-top: 6px; background: var(--border); border-radius: 1px; }
.event-icon { width: 28px; height: 28px; border-radius: 50%; display: flex; align-items: center;
  justify-content: center; background: #eef0ff; border: 1px solid #d9dcfb; color: var(--accent); }
.event-body { flex: 1; min-width: 0; padding-bottom: 8px; }
.event-header { display: flex; align-items: baseline; gap: 8px; min-height: 28px; padding-top: 3px; }
.event-title { margin: 0; font-size: 14px; font-weight: 600; line-height: 1.5; overflow-wrap: anywhere; unicode-bidi: isolate; }
.event-time { color: var(--muted); font-size: 12px; white-space: nowrap; }
.event-time.is-invalid, .c-datetime.is-invalid { color: #cf222e; }
.event-content, .card-content { background: var(--card); border: 1px solid var(--border); border-radius: 10px;
  padding: 12px 14px; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.05); }
.event-content { margin-top: 4px; }
.sidebar { width: 340px; margin: 0 auto; }
.customer-card { background: var(--card); border: 1px solid var(--border); border-radius: 10px;
  box-shadow: 0 1px 2px rgba(16, 24, 40, 0.05); overflow: hidden; }
.card-header { display: flex; align-items: center; gap: 6px; padding: 8px 12px; border-bottom: 1px solid var(--border);
  background: #fafbfc; }
.card-header::before { content: ""; width: 0; height: 0; border-left: 4px solid transparent;
  border-right: 4px solid transparent; border-top: 5px solid var(--muted); }
.card-title { margin: 0; font-size: 13px; font-weight: 600; overflow-wrap: anywhere; unicode-bidi: isolate; }
.customer-card .card-content { border: 0; border-radius: 0; box-shadow: none; }
.empty { color: var(--muted); font-style: italic; }
.stack { display: flex; flex-direction: column; gap: 4px; }
.stack > .c-row, .stack > .c-container { align-self: stretch; }
.c { unicode-bidi: isolate; overflow-wrap: anywhere; min-width: 0; }
.c-text, .c-plain-text { white-space: pre-wrap; }
.c-text a { color: var(--link); text-decoration: underline; text-underline-offset: 2px; }
.c-text strong { font-weight: 600; }
.md-link-blocked { text-decoration: underline dotted; color: var(--muted); cursor: not-allowed; }
.size-S { font-size: 12px; line-height: 1.45; }
.size-M { font-size: 14px; line-height: 1.5; }
.size-L { font-size: 16px; line-height: 1.45; font-weight: 500; }
.color-NORMAL { color: var(--fg); }
.color-MUTED { color: var(--muted); }
.color-SUCCESS { color: #1a7f37; }
.color-WARNING { color: #9a6700; }
.color-ERROR { color: #cf222e; }
.c-spacer { flex: none; margin: -2px 0; }
.c-spacer.spacer-XS { height: 4px; }
.c-spacer.spacer-S { height: 8px; }
.c-spacer.spacer-M { height: 16px; }
.c-spacer.spacer-L { height: 24px; }
.c-spacer.spacer-XL { height: 32px; }
.c-divider { width: 100%; border: 0; border-top: 1px solid var(--border); }
.c-divider.spacing-XS { margin: 2px 0; }
.c-divider.spacing-S { margin: 6px 0; }
.c-divider.spacing-M { margin: 12px 0; }
.c-divider.spacing-L { margin: 18px 0; }
.c-divider.spacing-XL { margin: 26px 0; }
.c-inline { display: flex; }
.c-button { position: relative; display: inline-flex; align-items: center; gap: 6px; max-width: 100%;
  min-height: 28px; padding: 3px 10px; border: 1px solid #d3d7dd; border-radius: 6px; background: #fff;
  color: var(--fg); font: inherit; font-size: 13px; font-weight: 500; line-height: 1.4; text-align: left;
  text-decoration: none; cursor: pointer; box-shadow: 0 1px 0 rgba(16, 24, 40, 0.04); }
.c-button:hover { background: #f6f7f9; }
.c-button svg { flex: none; color: var(--muted); }
.c-link-button.is-blocked { color: var(--muted); border-style: dashed; cursor: not-allowed; text-decoration: line-through; }
.c-copy-button .copy-value { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.c-copy-button[data-tooltip]:hover::after { content: attr(data-tooltip); position: absolute; left: 50%; bottom: calc(100% + 6px);
  transform: translateX(-50%); padding: 3px 8px; border-radius: 4px; background: #1c2024; color: #fff;
  font-size: 12px; white-space: nowrap; pointer-events: none; }
.c-workflow-button svg { color: var(--accent); }
.c-badge { display: inline-flex; align-items: center; max-width: 100%; min-height: 22px; padding: 1px 8px;
  border: 1px solid transparent; border-radius: 999px; font-size: 12px; font-weight: 500; line-height: 1.4; }
.badge-GREY { background: #f0f1f3; color: #454c56; border-color: #e1e4e8; }
.badge-GREEN { background: #dcfce7; color: #166534; border-color: #bbf7d0; }
.badge-YELLOW { background: #fef9c3; color: #854d0e; border-color: #fde68a; }
.badge-RED { background: #fee2e2; color: #991b1b; border-color: #fecaca; }
.badge-BLUE { background: #dbeafe; color: #1e40af; border-color: #bfdbfe; }
.c-datetime { font-size: 14px; }
.c-user { display: flex; align-items: center; gap: 8px; }
.c-user .avatar { flex: none; width: 22px; height: 22px; border-radius: 50%; display: inline-flex;
  align-items: center; justify-content: center; background: #e0e7ff; color: #3730a3; font-size: 11px; font-weight: 600; }
.c-user .user-kind { color: var(--muted); font-size: 12px; }
.c-row { display: flex; align-items: flex-start; gap: 12px; }
.row-main { flex: 1 1 auto; min-width: 0; }
.row-aside { flex: 0 1 auto; max-width: 50%; align-items: flex-end; text-align: right; }
.c-container { border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px; background: #fbfbfc; }
.c-unknown { padding: 4px 8px; border: 1px dashed #cf222e; border-radius: 6px; color: #cf222e; font-size: 12px; }
`;
