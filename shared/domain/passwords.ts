/**
 * The one password-strength rule, used by the contract (first administrator, new accounts, a
 * user's own change) and shown by the forms. Length is what matters most (NCSC and NIST 800-63B
 * advice); a few checks catch the guesses an attacker tries first.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Said under every new-password field. */
export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters; three random words work well. Not a common password.`;

const COMMON_STEMS = ['password', 'passw0rd', 'qwerty', '123456', 'letmein', 'welcome', 'iloveyou', 'admin', 'abc123', 'rccplacements', 'changeme'];

/** Why a proposed password is too weak, in words; null when it is strong enough. */
export function passwordWeakness(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `A password needs at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `A password can have at most ${PASSWORD_MAX_LENGTH} characters`;
  if (new Set(password).size < 5) return 'A password needs at least 5 different characters';
  const folded = password.toLowerCase().replace(/[^a-z0-9]/g, '');
  const stem = COMMON_STEMS.find((s) => folded.includes(s));
  // What is left once the common words and the digits tacked on to them are taken away.
  const rest = COMMON_STEMS.reduce((text, s) => text.replaceAll(s, ''), folded).replace(/\d/g, '');
  if (stem && rest.length < 6) return `A password built on “${stem}” is among the first an attacker tries`;
  if (/^\d+$/.test(password)) return 'A password of digits alone is among the first an attacker tries';
  return null;
}
