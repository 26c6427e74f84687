import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Branded handles: a function that only reads takes a ReadableDB, so a write path can't be
 * handed to it by mistake, and a WritableDB is only made by openStore.
 */
export type ReadableDB = Database.Database & { readonly __readable: true };
export type WritableDB = ReadableDB & { readonly __writable: true };
