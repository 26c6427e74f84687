/** The only origin our windows may show: the custom protocol that serves the built renderer. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rcc';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * True only for pages of our own protocol. Compared by protocol and host, because URL.origin is
 * "null" for a scheme Node's parser does not know, which would make every check fail (or, compared
 * carelessly, pass).
 */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
