import { BrowserWindow } from 'electron';
import type { CardPrinter } from '../api/context';

/**
 * Prints a share card from a hidden window of its own, loaded from a data: URL (never a file),
 * through the system print dialog; the window is destroyed whatever happens.
 */
export function electronCardPrinter(): CardPrinter {
  return {
    async printHtml(html) {
      // Never the app's renderer: no preload, no script can run, nothing of Node. Written inline so
      // electronegativity reads it.
      const window = new BrowserWindow({
        show: false,
        webPreferences: {
          javascript: false,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          webviewTag: false,
          devTools: false,
          spellcheck: false,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      try {
        await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        return await new Promise<'printed' | 'cancelled'>((resolve, reject) => {
          window.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
            if (success) resolve('printed');
            else if (failureReason === 'cancelled') resolve('cancelled');
            else reject(new Error('print failed'));
          });
        });
      } finally {
        window.destroy();
      }
    },
  };
}
