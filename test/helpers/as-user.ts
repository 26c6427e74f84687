import type { Backend } from '../../electron/backend';
import type { ApiResult, MethodInput, MethodName, MethodOutput } from '../../shared/contract';

/** Calls the in-process dispatcher as one signed-in user, through JSON as over IPC. */
export interface UserClient {
  call(method: string, payload?: unknown): ApiResult<unknown>;
  ok<M extends MethodName>(method: M, input: MethodInput<M>): MethodOutput<M>;
  fails(method: MethodName, input: unknown): { code: string; message: string; field?: string };
}

export function signInAs(backend: Backend, username: string, password: string): UserClient {
  const connection = backend.newConnection();
  const call = (method: string, payload?: unknown) => JSON.parse(JSON.stringify(backend.dispatch(method, payload ?? {}, connection))) as ApiResult<unknown>;
  const signedIn = call('auth.signIn', { username, password });
  if (!signedIn.ok) throw new Error(`Could not sign in as ${username}: ${signedIn.error.message}`);
  return {
    call,
    ok(method, input) {
      const r = call(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    fails(method, input) {
      const r = call(method, input);
      if (r.ok) throw new Error(`${method} should have failed but answered ${JSON.stringify(r.value).slice(0, 300)}`);
      return r.error;
    },
  };
}
