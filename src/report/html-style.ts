/** The HTML report's only stylesheet (inline: the file must work offline). Light and dark, and print. */
export const HTML_STYLE = `
:root{--bg:#fff;--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--panel:#f6f8fa;
--good:#1a7f37;--bad:#cf222e;--warn:#9a6700;--info:#57606a;--accent:#0969da;--bar-pass:#4c9a62;--bar-fail:#d1495b;--bar-warn:#c58f00;--bar-muted:#8c959f}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;--panel:#161b22;
--good:#3fb950;--bad:#f85149;--warn:#d29922;--info:#9198a1;--accent:#4493f8;--bar-pass:#3fb950;--bar-fail:#f85149;--bar-warn:#d29922;--bar-muted:#6e7681}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1200px;margin:0 auto;padding:24px}
h1,h2,h3{line-height:1.25}h2{margin-top:32px;border-bottom:1px solid var(--line);padding-bottom:6px}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
a{color:var(--accent)}
.banner{border:2px solid currentColor;border-radius:8px;padding:16px 20px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
.banner .sym{font-size:32px;font-weight:700}.banner .word{font-size:26px;font-weight:800;letter-spacing:.04em}
.banner .model{font-size:18px}.banner .line{flex-basis:100%;margin:0;color:var(--fg)}
.v-pass{color:var(--good)}.v-fail{color:var(--bad)}.v-error{color:var(--bad)}
.counts{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0;padding:0;list-style:none}
.counts li{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:96px}
.counts b{display:block;font-size:22px}.counts span{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--panel);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.status{font-weight:700;white-space:nowrap}
.t-good{color:var(--good)}.t-bad{color:var(--bad)}.t-warn{color:var(--warn)}.t-muted{color:var(--info)}
.msg{min-width:16em;max-width:460px}td.mono{white-space:nowrap}td code{overflow-wrap:break-word}.where{color:var(--muted);font-size:12px}
figure{margin:16px 0 28px;padding:12px;border:1px solid var(--line);border-radius:8px;background:var(--panel);overflow-x:auto}
figcaption{font-weight:600;margin-bottom:8px}
.chart{max-width:100%;height:auto;font-size:12px}
.chart text{fill:var(--fg)}.chart .tick,.chart .axis{fill:var(--muted)}.chart .axis{font-weight:600}
.chart .grid{stroke:var(--line);stroke-width:1}
.chart .bar rect{fill:var(--bar-muted)}
.chart .st-pass rect{fill:var(--bar-pass)}.chart .st-fail rect,.chart .st-error rect{fill:var(--bar-fail)}
.chart .st-inconclusive rect,.chart .st-insufficient rect{fill:var(--bar-warn)}
.chart rect.alt{fill-opacity:.55}
.chart .whisker{stroke:var(--fg);stroke-width:1.5;fill:none}
.chart .threshold{stroke:var(--bad);stroke-width:2;stroke-dasharray:5 3}.chart .threshold-label{fill:var(--bad);font-weight:600}
.note{color:var(--muted);font-size:12.5px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;word-break:break-all}
details summary{cursor:pointer;color:var(--accent)}
footer{margin-top:40px;color:var(--muted);font-size:12px}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--panel:#fff}
main{max-width:none;padding:0}a{color:inherit;text-decoration:none}
figure,tr,.banner{break-inside:avoid}h2{break-after:avoid}.chart{max-width:100%}}
`;
