import type { BackupCheck, BackupFile } from '../../db/backup';
import { ApiError } from '../../shared/contract';
import type { BackupView } from '../../shared/contract/backups';
import { BackupProblem } from '../backups';
import type { Handlers, ServiceContext } from '../rpc/context';

type BackupMethod = 'backups.list' | 'backups.create' | 'backups.settings' | 'backups.restore' | 'recovery.reveal' | 'recovery.renew' | 'log.tail';

function view(b: BackupFile & { check: BackupCheck }): BackupView {
  return {
    fileName: b.fileName,
    sizeBytes: b.sizeBytes,
    takenAt: b.takenAt,
    reason: b.reason,
    opens: b.check.ok,
    problem: b.check.ok ? null : b.check.problem,
    schemaVersion: b.check.ok ? b.check.schemaVersion : null,
  };
}

function keeper(ctx: ServiceContext) {
  if (!ctx.host.backups) throw new ApiError('CONFLICT', 'This store has no file (a test store in memory), so it has no backups.');
  return ctx.host.backups;
}

/** Backup problems are the administrator's to fix (folder, disk), so they come back as words, not INTERNAL. */
function inWords<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof BackupProblem) throw new ApiError('CONFLICT', error.message);
    throw error;
  }
}

export const backupHandlers: Handlers<BackupMethod> = {
  'backups.list': (ctx) => {
    const k = keeper(ctx);
    return { ...k.settings(), backups: k.list().map(view) };
  },
  'backups.create': (ctx) => {
    const taken = inWords(() => keeper(ctx).take('manual', ctx.db));
    ctx.audit('backup', 'store', taken.fileName);
    return view(taken);
  },
  'backups.settings': (ctx, input) => {
    const saved = inWords(() => keeper(ctx).saveSettings(input));
    ctx.audit('backup-settings', 'store', `keep=${saved.keep}`);
    return saved;
  },
  'backups.restore': (ctx, input) => {
    ctx.host.restore(input.fileName);
    // Written into the restored store, so its audit trail says how it came back.
    ctx.audit('restore', 'store', input.fileName);
    ctx.endSession();
    return { done: true as const };
  },
  'recovery.reveal': (ctx) => {
    const recoveryKey = ctx.host.takePendingRecoveryKey();
    if (recoveryKey) ctx.audit('recovery-key-shown', 'store', 'recovery');
    return { recoveryKey };
  },
  'recovery.renew': (ctx) => {
    const recoveryKey = ctx.host.renewRecoveryKey();
    ctx.audit('recovery-key-renewed', 'store', 'recovery');
    return { recoveryKey };
  },
  'log.tail': (ctx, input) => ({ file: ctx.host.log.file, lines: ctx.host.log.tail(input.lines) }),
};
