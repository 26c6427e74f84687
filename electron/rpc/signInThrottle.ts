/**
 * Slows password guessing without slowing anyone else: after a few failures for one username each
 * further try must wait longer (1 s, 2 s, 4 s … up to a minute), ten failures lock the username for
 * fifteen minutes, and a flood of failures across all usernames pauses sign-in for everyone for a
 * moment. Nothing here sleeps: a caller who must wait is told how long, and the backend answers at
 * once, so other users' calls are never held up. Unknown usernames are treated exactly like known
 * ones, so the answers do not reveal which accounts exist. State is per run of the app.
 */
export const SIGN_IN_LIMITS = {
  /** Failures for one username before waits begin. */
  freeFailures: 3,
  maxDelaySeconds: 60,
  /** Failures for one username that lock it. */
  lockoutAfter: 10,
  lockoutMinutes: 15,
  /** A username's failures are forgotten after this long without another. */
  forgetAfterMinutes: 30,
  /** Failures across all usernames in one minute before everyone waits. */
  overallFailuresPerMinute: 30,
  /** Usernames remembered at most (the oldest are forgotten first). */
  trackedUsernames: 10_000,
} as const;

interface Tally {
  failures: number;
  lastFailureMs: number;
  nextAllowedMs: number;
}

export interface SignInWait {
  seconds: number;
  reason: 'username' | 'locked' | 'overall';
}

export class SignInThrottle {
  private readonly byUsername = new Map<string, Tally>();
  private readonly recentFailures: number[] = [];

  /** How long this username must wait before its next try; null when it may try now. */
  waitFor(username: string, nowMs: number): SignInWait | null {
    this.dropOldFailures(nowMs);
    const tally = this.current(username, nowMs);
    if (tally && tally.nextAllowedMs > nowMs) {
      return { seconds: Math.ceil((tally.nextAllowedMs - nowMs) / 1000), reason: tally.failures >= SIGN_IN_LIMITS.lockoutAfter ? 'locked' : 'username' };
    }
    if (this.recentFailures.length >= SIGN_IN_LIMITS.overallFailuresPerMinute) {
      return { seconds: Math.ceil((this.recentFailures[0]! + 60_000 - nowMs) / 1000), reason: 'overall' };
    }
    return null;
  }

  failed(username: string, nowMs: number): void {
    const key = username.toLowerCase();
    const tally = this.current(username, nowMs) ?? { failures: 0, lastFailureMs: nowMs, nextAllowedMs: 0 };
    tally.failures++;
    tally.lastFailureMs = nowMs;
    const extra = tally.failures - SIGN_IN_LIMITS.freeFailures;
    if (tally.failures >= SIGN_IN_LIMITS.lockoutAfter) tally.nextAllowedMs = nowMs + SIGN_IN_LIMITS.lockoutMinutes * 60_000;
    else if (extra >= 0) tally.nextAllowedMs = nowMs + Math.min(2 ** extra, SIGN_IN_LIMITS.maxDelaySeconds) * 1000;
    // Re-inserted so the map's order is oldest failure first, for forgetting.
    this.byUsername.delete(key);
    this.byUsername.set(key, tally);
    if (this.byUsername.size > SIGN_IN_LIMITS.trackedUsernames) this.byUsername.delete(this.byUsername.keys().next().value!);
    this.recentFailures.push(nowMs);
  }

  succeeded(username: string): void {
    this.byUsername.delete(username.toLowerCase());
  }

  private current(username: string, nowMs: number): Tally | null {
    const key = username.toLowerCase();
    const tally = this.byUsername.get(key);
    if (!tally) return null;
    if (nowMs - tally.lastFailureMs > SIGN_IN_LIMITS.forgetAfterMinutes * 60_000 && tally.nextAllowedMs <= nowMs) {
      this.byUsername.delete(key);
      return null;
    }
    return tally;
  }

  private dropOldFailures(nowMs: number): void {
    while (this.recentFailures.length > 0 && this.recentFailures[0]! <= nowMs - 60_000) this.recentFailures.shift();
  }
}
