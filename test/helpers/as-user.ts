import type { Backend } from '../../electron/backend';
import type { ApiResult, MethodInput, MethodName, MethodOutput } from '../../shared/contract';

/** Calls the in-process dispatcher as one signed-in user, through JSON as over IPC. */
export interface UserClient {
  call(method: string, payload?: unknown): Promise<ApiResult<unknown>>;
  ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  fails(method: MethodName, input: unknown): Promise<{ code: string; message: string; field?: string }>;
}

export async function signInAs(backend: Backend, username: string, password: string): Promise<UserClient> {
  const connection = backend.newConnection();
  const call = async (method: string, payload?: unknown) =>
    JSON.parse(JSON.stringify(await backend.dispatch(method, payload ?? {}, connection))) as ApiResult<unknown>;
  const signedIn = await call('auth.signIn', { username, password });
  if (!signedIn.ok) throw new Error(`Could not sign in as ${username}: ${signedIn.error.message}`);
  return {
    call,
    async ok(method, input) {
      const r = await call(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async fails(method, input) {
      const r = await call(method, input);
      if (r.ok) throw new Error(`${method} should have failed but answered ${JSON.stringify(r.value).slice(0, 300)}`);
      return r.error;
    },
  };
}
