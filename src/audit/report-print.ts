import { escapeHtml } from '../common/html';

/**
 * The printable page of a reconciliation report: the Audit screen's own markup of it (already in the
 * operator's language) inside a document of ours that allows no script and no request, laid out for
 * one A4 page per screenful, in black on white.
 */

const REPORT_CSS = `
  @page { size: A4 portrait; margin: 14mm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #000; background: #fff; margin: 0; }
  h1, h2, h3, h4 { margin: 3mm 0 1.5mm; break-after: avoid; }
  h1 { font-size: 15pt; } h2 { font-size: 13pt; } h3 { font-size: 11pt; } h4 { font-size: 10pt; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 3mm; }
  th, td { border: 1px solid #000; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
  tr { break-inside: avoid; }
  .address, .head, code { font-family: "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
  .address .group { margin-right: 0.6ch; }
  button, .actions, .qr-animator, .visually-hidden { display: none !important; }
`;

/** A complete HTML document printing `body`; `title` and `lang` as the screen gave them. */
export function reportPrintDocument(input: { body: string; title: string; lang: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(input.lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(input.title)}</title><style>${REPORT_CSS}</style></head>
<body>${input.body}</body></html>`;
}
