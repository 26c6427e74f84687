/** Screens are addressed by the URL hash ("#/referrals/12"), so Back and reload work. */
export function navigate(path: string): void {
  window.location.hash = `#/${path}`;
}

export function hrefTo(path: string): string {
  return `#/${path}`;
}
