import type { Migration } from '../migrate';
import { m0010Foundation } from './0010-foundation';
import { m0020RegionModel } from './0020-region-model';
import { m0060ConstellationLife } from './0060-constellation-life';

/** In order; each version is a multiple of ten. */
export const MIGRATIONS: readonly Migration[] = [m0010Foundation, m0020RegionModel, m0060ConstellationLife];
