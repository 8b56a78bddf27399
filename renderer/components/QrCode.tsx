import QRCode from 'qrcode';
import { useMemo } from 'react';

/** One QR code drawn as SVG (one path, crisp at any size), with a quiet zone of 4 modules. */
export function QrCode({ text, label, size = 480 }: { text: string; label: string; size?: number }) {
  const { path, modules } = useMemo(() => {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'L' });
    const count = qr.modules.size;
    let d = '';
    for (let row = 0; row < count; row++) {
      for (let col = 0; col < count; col++) {
        if (qr.modules.get(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
      }
    }
    return { path: d, modules: count + 8 };
  }, [text]);
  return (
    <svg
      className="qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${modules} ${modules}`}
      shapeRendering="crispEdges"
    >
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
