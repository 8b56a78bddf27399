import { CONTENT_SECURITY_POLICY } from '../csp';

/** The app's own origin: the renderer is served from this privileged scheme, never from the web. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://airlock`;

/** Only the app's own files, and data:/blob: for QR images and the camera stream. */
export function isAllowedUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  // devtools: only matters in development builds, where devtools are allowed at all.
  if (parsed.protocol === 'devtools:') return true;
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'airlock';
}

/**
 * The IPC sender check, stricter than the request filter: only the app's own page in the window's
 * main frame may call main. Not data:, blob: or devtools: documents, and not a subframe of any origin.
 */
export function isAppSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === 'airlock';
  } catch {
    return false;
  }
}

/** will-navigate / will-redirect: the window never leaves the app. */
export function denyNavigation(event: { preventDefault(): void }, _url: string): void {
  event.preventDefault();
}

/** setWindowOpenHandler: no window.open, no target=_blank, ever. */
export function windowOpenHandler(_details: { url: string }): { action: 'deny' } {
  return { action: 'deny' };
}

/** Only the camera (video capture) is ever granted; microphone, geolocation, notifications… are not. */
export function permissionGranted(permission: string, details: { mediaTypes?: string[] }): boolean {
  if (permission !== 'media') return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

export function permissionHandler(
  _webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { mediaTypes?: string[] },
): void {
  callback(permissionGranted(permission, details));
}

/** webRequest.onBeforeRequest: every non-local URL is cancelled. */
export function requestFilter(
  details: { url: string },
  callback: (response: { cancel: boolean }) => void,
): void {
  callback({ cancel: !isAllowedUrl(details.url) });
}

/** webRequest.onHeadersReceived: the CSP header on every response. */
export function withSecurityHeaders(headers: Record<string, string[]> = {}): Record<string, string[]> {
  const kept = Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
  );
  return {
    ...kept,
    'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    'X-Content-Type-Options': ['nosniff'],
  };
}
