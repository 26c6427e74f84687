/**
 * Distance from the child's home and school. The score falls gently inside the DfE's 20-mile line
 * and drops a step when a home crosses it, because "placed more than 20 miles from home" is the
 * national measure councils answer for. Every curve only falls with distance, so a closer home
 * never scores lower.
 */
import type { MatchingPolicy } from '../policy';

type DistancePolicy = MatchingPolicy['distance'];

/** 100 up to `nearMiles`, 60 at the 20-mile line, 40 just past it, 0 at `farMiles`. */
export function milesScore(m: number, d: DistancePolicy): number {
  if (m <= d.nearMiles) return 100;
  if (m <= d.twentyMileLine) return 100 - (40 * (m - d.nearMiles)) / (d.twentyMileLine - d.nearMiles);
  if (m >= d.farMiles) return 0;
  return 40 * (1 - (m - d.twentyMileLine) / (d.farMiles - d.twentyMileLine));
}

/** 1 when the child can keep their school, 0 when they cannot, linear between. */
export function schoolKeptValue(schoolMiles: number, d: DistancePolicy): number {
  if (schoolMiles <= d.schoolKeptMiles) return 1;
  if (schoolMiles >= d.schoolLostMiles) return 0;
  return 1 - (schoolMiles - d.schoolKeptMiles) / (d.schoolLostMiles - d.schoolKeptMiles);
}

export function distanceScore(homeMiles: number, schoolMiles: number | undefined, d: DistancePolicy, lines?: string[]): number {
  const home = milesScore(homeMiles, d);
  const score = schoolMiles === undefined ? home : (1 - d.schoolShare) * home + d.schoolShare * milesScore(schoolMiles, d);
  if (lines) {
    const line = homeMiles <= d.twentyMileLine ? `inside the DfE ${d.twentyMileLine}-mile line` : `beyond the DfE ${d.twentyMileLine}-mile line`;
    lines.push(`${homeMiles.toFixed(1)} miles from the child’s home, ${line}.`);
    if (schoolMiles !== undefined) {
      const keep = schoolKeptValue(schoolMiles, d);
      const verdict =
        keep === 1 ? 'the child can keep their school' : keep === 0 ? 'too far to keep their school' : 'keeping their school would mean a long journey';
      lines.push(`${schoolMiles.toFixed(1)} miles from school: ${verdict}.`);
    }
  }
  return score;
}
