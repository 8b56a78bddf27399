import type { SandboxChoice } from './sandbox';

/** What the fallback window says about itself, on every screen: it is not the hardened app. */
export function developmentBannerText(sandbox: SandboxChoice): string {
  const base =
    'Development fallback: Airlock in the system Chromium, not the hardened Electron app. Do not hold real keys here.';
  return sandbox.enabled
    ? `${base} Chromium's sandbox is on.`
    : `${base} Chromium's sandbox is off: ${sandbox.reason}.`;
}

/** Page-side script adding the banner above the app (init scripts are not subject to the page's CSP). */
export function developmentBannerScript(sandbox: SandboxChoice): string {
  return `document.addEventListener('DOMContentLoaded', () => {
  const banner = document.createElement('div');
  banner.setAttribute('role', 'note');
  banner.setAttribute('data-development-fallback', '');
  banner.textContent = ${JSON.stringify(developmentBannerText(sandbox))};
  banner.style.cssText = 'position:sticky;top:0;z-index:1000;padding:6px 12px;background:#fff4c2;color:#1a1a1a;border-bottom:1px solid #b08900;font:14px system-ui,sans-serif';
  document.body.prepend(banner);
  document.title = 'Airlock (development fallback)';
});`;
}
