import QRCode from 'qrcode';
import { escapeHtml } from '../common/html';
import { decodeShare } from './slip39-share';

export interface ShareCardInput {
  /** The share's words; the card is for printing only and is never written to disk by Airlock. */
  share: string;
  /** Total shares in the set (N); the share itself only says how many are needed. */
  shareCount: number;
  /** Master fingerprint of the partitioned key, so a holder can tell which key the card belongs to. */
  walletFingerprint: string;
  title?: string;
}

// Sized so that a 33-word (256-bit) share still fits one A5 landscape sheet.
const CARD_CSS = `
  @page { size: A5 landscape; margin: 10mm; }
  body { font-family: "DejaVu Sans", Arial, sans-serif; color: #000; background: #fff; margin: 0; }
  .card + .card { break-before: page; }
  .card { break-inside: avoid; border: 2px solid #000; padding: 5mm 6mm; display: grid; grid-template-columns: 1fr auto; gap: 3mm 6mm; }
  h1 { font-size: 18pt; margin: 0 0 2mm; }
  .meta { font-size: 12pt; margin: 0 0 3mm; }
  ol { columns: 4; column-gap: 6mm; font: 14pt/1.4 "DejaVu Sans Mono", monospace; margin: 0; padding-left: 9mm; }
  .qr svg { width: 50mm; height: 50mm; }
  .warning { grid-column: 1 / span 2; font-size: 10pt; border-top: 1px solid #000; padding-top: 2mm; margin: 0; }
`;

/** One printable share card as an HTML document: numbered words in columns, the share as a QR code. */
export async function renderShareCardHtml(input: ShareCardInput): Promise<string> {
  const share = decodeShare(input.share);
  share.value.fill(0);
  const words = input.share.trim().toLowerCase().split(/\s+/);
  const qr = await QRCode.toString(words.join(' '), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const setId = share.identifier.toString(16).padStart(4, '0');
  const group =
    share.groupCount > 1
      ? ` — group ${share.groupIndex + 1} of ${share.groupCount}, ${share.groupThreshold} groups needed`
      : '';
  const items = words.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(input.title ?? 'Airlock key share')}</title><style>${CARD_CSS}</style></head>
<body><section class="card">
<div>
<h1>${escapeHtml(input.title ?? 'Airlock key share')}</h1>
<p class="meta">Share ${share.memberIndex + 1} of ${input.shareCount}, ${share.memberThreshold} needed${group}<br>
Set ${setId} · key fingerprint ${escapeHtml(input.walletFingerprint)}</p>
<ol>${items}</ol>
</div>
<div class="qr" aria-label="QR code of this share">${qr}</div>
<p class="warning">Keep this card secret and apart from the other shares. Anyone holding ${share.memberThreshold} shares of this set holds the key.</p>
</section></body></html>`;
}
