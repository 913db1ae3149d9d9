"""Semantic parts: real headings, a data table behind every chart, names for shared field labels and uploaders."""

from __future__ import annotations

from collections.abc import Sequence

from nicegui import ui
from nicegui.elements.mixins.text_element import TextElement

from ui.i18n import current_language, t

# Quasar's uploader names its add button and file input only "Choose File" (the browser's word, in English): this
# names the button after the uploader's own label, also when Quasar redraws it (once per page, whatever the uploads).
# The file input is the one control (see below), its button shows the focus ring. The script adds its own style, so
# it can also be run on a page that is already shown (a script inserted as HTML there would never run).
# Quasar's own line in each file's row is English ("17.3KB / 100.00%"): it is hidden and this says it the page's way
# ("17,3 kB · 100 %" in Danish, "17.3 kB · 100%" in English) in a line of our own beside it, kept up as it changes.
FILE_PROGRESS_JS = r"""(s,da)=>{const m=/^\s*([\d.]+)\s*([KMGTP]?B)\s*\/\s*([\d.]+)\s*%\s*$/.exec(s||'');
if(!m)return s||'';const unit=m[2]==='KB'?'kB':m[2];const size=unit==='B'?String(Math.round(parseFloat(m[1]))):m[1];
const pct=Math.round(parseFloat(m[3]));
return da?size.replace('.',',')+' '+unit+' · '+pct+' %':size+' '+unit+' · '+pct+'%';}"""
UPLOAD_LABELS_JS = """(function(){if(window.sammenUploadLabels)return;window.sammenUploadLabels=true;
const progress=""" + FILE_PROGRESS_JS + """;
const style=document.createElement('style');
style.textContent='.q-btn:has(.q-uploader__input:focus-visible){outline:3px solid #1f5f8b;outline-offset:2px}'
// Quasar's running total under the label is English ("0.0B / 0.00%"), before anything is chosen too; each file's
// own row keeps its progress.
+'.q-uploader[data-a11y-label] .q-uploader__header .q-uploader__subtitle{display:none}'
+'.q-uploader[data-a11y-label] .q-uploader__file .q-uploader__subtitle{display:none}'
+'.sammen-file-progress{font-size:0.75rem;line-height:1.25rem;opacity:0.85}';
document.head.appendChild(style);
const name=()=>document.querySelectorAll('.q-uploader[data-a11y-label]').forEach(u=>{
const label=u.getAttribute('data-a11y-label');u.querySelectorAll('.q-uploader__input').forEach(i=>{
if(i.getAttribute('aria-label')===label)return;
// Quasar wraps the file input in a link-button: two nested controls. The file input, named, is the one control
// (Enter or Space opens the file picker); the wrapper is only its picture.
i.setAttribute('aria-label',label);i.removeAttribute('aria-hidden');i.setAttribute('tabindex','0');
const b=i.closest('.q-btn');if(b){b.removeAttribute('role');b.removeAttribute('tabindex');
b.removeAttribute('aria-label');}});
// After an upload Quasar adds icon-only buttons (clear the list, one per file): each gets a name too.
u.querySelectorAll('.q-uploader__header .q-btn:not(:has(.q-uploader__input)):not([aria-label])').forEach(
b=>b.setAttribute('aria-label',u.getAttribute('data-a11y-clear')||''));
u.querySelectorAll('.q-uploader__file').forEach(f=>{const b=f.querySelector('.q-btn');
const n=(f.querySelector('.q-uploader__title')||{}).textContent||'';
const want=(u.getAttribute('data-a11y-file')||'').replace('{name}',n);
if(b&&b.getAttribute('aria-label')!==want)b.setAttribute('aria-label',want);
const q=f.querySelector('.q-uploader__subtitle');if(q){let own=q.parentNode.querySelector('.sammen-file-progress');
if(!own){own=document.createElement('div');own.className='sammen-file-progress';q.after(own);}
const said=progress(q.textContent,u.getAttribute('data-a11y-lang')!=='en');
if(own.textContent!==said)own.textContent=said;}});});
new MutationObserver(name).observe(document.documentElement,{childList:true,subtree:true,characterData:true});name();
})();"""
UPLOAD_LABELS = f"<script>{UPLOAD_LABELS_JS}</script>"


def heading(text: str, level: int = 2) -> TextElement:
    """A real <h1>…<h6> (screen readers list them), styled like the page's other titles."""
    size = {1: "text-h5", 2: "text-h6", 3: "text-subtitle1"}.get(level, "text-subtitle2")
    return TextElement(tag=f"h{level}", text=text).classes(f"{size} text-weight-medium q-my-none")


def data_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> ui.element:
    """A plain <table> with a caption and column headers: what a chart shows, readable without seeing it."""
    with ui.element("table").classes("sammen-data-table w-full text-left") as table:
        TextElement(tag="caption", text=caption).classes("text-left text-caption text-grey-8")
        with ui.element("thead"), ui.element("tr"):
            for header in headers:
                TextElement(tag="th", text=header).props('scope="col"').classes("q-pa-xs")
        with ui.element("tbody"):
            for row in rows:
                with ui.element("tr"):
                    for i, cell in enumerate(row):
                        # The first column names the row (a week, a question), so it is the row's header.
                        cell_tag = "th" if i == 0 else "td"
                        element = TextElement(tag=cell_tag, text=str(cell)).classes("q-pa-xs")
                        if i == 0:
                            element.props('scope="row"')
    return table


def table_expansion(headers: Sequence[str], rows: Sequence[Sequence[object]], lang: str | None = None
                    ) -> ui.expansion:
    """The figures behind a chart, in a table that opens under it (1.1.1: a text alternative for every chart)."""
    with ui.expansion(t("a11y.chart.table", lang), icon="table_chart").props("dense").classes(
            "w-full").mark("chart-table") as expansion:
        with ui.element("div").classes("w-full overflow-auto"):
            data_table(t("a11y.chart.table", lang), headers, rows)
    return expansion


def name_field(field: ui.element, context: str, label: str) -> ui.element:
    """Name a field by its context and its visible label ("Mandag: kommer kl."), where several share one label."""
    name = t("a11y.field.of_day", day=context, field=label[:1].lower() + label[1:]).replace('"', "'")
    return field.props(f'aria-label="{name}"')


def name_upload(upload: ui.upload, label: str) -> ui.upload:
    """Name an uploader's add button and file input after its label (WCAG 1.3.1, 4.1.2)."""
    if upload.client._response_built:  # noqa: SLF001 (as NiceGUI's own add_body_html tells a page already sent)
        # A step or dialog drawn after the page was sent: HTML inserted now would not run its script.
        upload.client.run_javascript(UPLOAD_LABELS_JS)
    else:
        ui.add_body_html(UPLOAD_LABELS)
    return upload.props(f'data-a11y-label="{label.replace(chr(34), chr(39))}" data-a11y-lang="{current_language()}" '
                        f'data-a11y-clear="{t("a11y.upload.clear")}" data-a11y-file="{t("a11y.upload.file")}"')
