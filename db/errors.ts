/** Problems opening the store, each with a message a user can act on. */
export class StoreError extends Error {
  constructor(
    readonly kind: 'wrong-key' | 'too-new' | 'damaged' | 'not-enforcing' | 'key-unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
