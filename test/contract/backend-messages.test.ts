import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { tempStore, testBackend, testClock } from '../helpers/store';
import { expectError, expectOk, overMessages } from '../helpers/transports';

/** The host's view of a connection follows the backend's answers, whatever order they come in. */
describe('the host↔backend messages', () => {
  let store: ReturnType<typeof tempStore>;
  let messages: ReturnType<typeof overMessages>;

  beforeAll(() => {
    store = tempStore({ kind: 'demo' });
    messages = overMessages(testBackend(store.db, testClock().now));
  });
  afterAll(() => {
    messages?.close();
    store?.remove();
  });

  it('a call sent under the id a sign-in then gave up neither undoes the new id nor signs the window out', async () => {
    const { client } = messages;
    const tab = client.newConnection();
    const first = tab.id;
    const [signedIn, meanwhile] = await Promise.all([
      client.call('auth.signIn', { username: 'demo.officer', password: DEMO_PASSWORD }, tab, { renameOnSignIn: true }),
      client.call('region.councils', {}, tab, { renameOnSignIn: true }),
    ]);
    expectOk(signedIn);
    // Sent under the old id, which carries no session: refused, as a planted cookie would be.
    expectError(meanwhile, 'UNAUTHENTICATED');
    expect(tab.id).not.toBe(first);
    expect(tab.signedIn).toBe(true);
    expectOk(await client.call('region.councils', {}, tab));
    // The old id stays a stranger's.
    expectError(await client.call('region.councils', {}, { id: first, signedIn: false }), 'UNAUTHENTICATED');
  });

  it('events name the window they are for, and a window signed out by the backend is known as signed out', async () => {
    const { client } = messages;
    const tab = client.newConnection();
    expectOk(await client.call('auth.signIn', { username: 'demo.officer', password: DEMO_PASSWORD }, tab));
    const heard: { event: string; only: string | null }[] = [];
    const unsubscribe = client.events.subscribe((event, _payload, only) => heard.push({ event, only }));
    try {
      expectOk(await client.call('auth.signOut', {}, tab));
      expect(tab.signedIn).toBe(false);
    } finally {
      unsubscribe();
    }
    expect(heard.filter((h) => h.event === 'session.ended').every((h) => h.only === tab.id)).toBe(true);
  });
});
