import { shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './appUrl';

export { APP_ORIGIN, APP_SCHEME, isAppUrl } from './appUrl';

/** Help pages the app may open in the user's browser; everything else is refused. */
const EXTERNAL_ALLOWLIST = new Set(['www.gov.uk', 'www.legislation.gov.uk', 'www.thefosteringnetwork.org.uk', 'reports.ofsted.gov.uk']);

export function openExternalIfAllowed(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || !EXTERNAL_ALLOWLIST.has(parsed.hostname)) return false;
  void shell.openExternal(parsed.toString());
  return true;
}

/** Denies navigation away from the app, new windows and every permission request. */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
