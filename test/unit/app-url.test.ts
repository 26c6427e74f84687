import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../electron/appUrl';

describe('the app:// origin check used for navigation and IPC senders', () => {
  it('accepts only pages of app://rcc', () => {
    expect(isAppUrl('app://rcc/index.html')).toBe(true);
    expect(isAppUrl('app://rcc/#/referrals/3')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://rcc.evil/index.html')).toBe(false);
    expect(isAppUrl('app://user:pw@rcc/')).toBe(false);
    expect(isAppUrl('https://rcc/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
