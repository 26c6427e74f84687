// Types for runtime-files.mjs, which the bundle test reads.
export interface RuntimeFile {
  /** Its name in dist/electron/. */
  name: string;
  /** Where the build copies it from. */
  from: string;
  why: string;
}

export const RUNTIME_FILES: readonly RuntimeFile[];
export const RUNTIME_PACKAGES: Readonly<Record<string, string>>;
export const THREAD_BUNDLES: readonly { name: string; why: string }[];
