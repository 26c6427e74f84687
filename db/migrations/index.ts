import type { Migration } from '../migrate';
import { m0010Foundation } from './0010-foundation';

/** In order; each version is a multiple of ten. */
export const MIGRATIONS: readonly Migration[] = [m0010Foundation];
