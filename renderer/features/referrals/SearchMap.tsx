import { Box, Typography } from '@mui/material';
import type { SearchResult } from '../../../shared/contract/matching';

const W = 640;
const H = 420;
const PAD = 24;

/**
 * Home, school and every ranked home on a plain projected plot: works offline with no tile server.
 * Longitude is scaled by cos(latitude) so distances look right at this latitude.
 */
export function SearchMap({ result, highlight }: { result: SearchResult; highlight: number | null }) {
  const points = [result.childHome, ...(result.childSchool ? [result.childSchool] : []), ...result.ranked];
  const k = Math.cos((result.childHome.lat * Math.PI) / 180);
  const xs = points.map((p) => p.lon * k);
  const ys = points.map((p) => p.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((W - 2 * PAD) / Math.max(maxX - minX, 0.01), (H - 2 * PAD) / Math.max(maxY - minY, 0.01));
  const px = (p: { lat: number; lon: number }) => ({ x: PAD + (p.lon * k - minX) * scale, y: H - PAD - (p.lat - minY) * scale });
  // The policy's distance line in degrees of latitude (1° ≈ 69 miles), drawn around the child's home.
  const lineRadius = (result.distanceLineMiles / 69) * scale;
  const home = px(result.childHome);
  const school = result.childSchool ? px(result.childSchool) : null;
  return (
    <Box>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`Map of the child's home, school and ${result.ranked.length} candidate homes`}>
        <rect x={0} y={0} width={W} height={H} fill="none" stroke="currentColor" strokeOpacity={0.2} />
        <circle cx={home.x} cy={home.y} r={lineRadius} fill="none" stroke="#1f4e79" strokeDasharray="6 4" strokeOpacity={0.6} />
        {result.ranked.map((r) => {
          const p = px(r);
          const on = r.vacancyId === highlight;
          return (
            <g key={r.vacancyId}>
              <title>{`${r.rank}. ${r.homeName}: ${r.total.toFixed(1)}, ${r.homeMiles.toFixed(1)} miles`}</title>
              <circle
                cx={p.x}
                cy={p.y}
                r={on ? 9 : 6}
                fill={r.total >= 75 ? '#2e7d32' : r.total >= 55 ? '#ed6c02' : '#9e9e9e'}
                stroke={on ? '#000' : '#fff'}
                strokeWidth={on ? 2 : 1}
              />
              {r.rank <= 5 && (
                <text x={p.x + 8} y={p.y - 8} fontSize={12} fill="currentColor">
                  {r.rank}
                </text>
              )}
            </g>
          );
        })}
        <rect x={home.x - 7} y={home.y - 7} width={14} height={14} fill="#1f4e79" />
        <text x={home.x + 10} y={home.y + 4} fontSize={12} fill="currentColor">
          Home
        </text>
        {school && (
          <>
            <polygon points={`${school.x},${school.y - 8} ${school.x + 8},${school.y + 6} ${school.x - 8},${school.y + 6}`} fill="#6a3d7a" />
            <text x={school.x + 10} y={school.y + 4} fontSize={12} fill="currentColor">
              School
            </text>
          </>
        )}
      </svg>
      <Typography variant="caption" color="text.secondary">
        Square: the child&apos;s home; triangle: school; dashed circle: the {result.distanceLineMiles}-mile line. Dots: candidate homes (green 75+, orange 55+,
        grey below), numbered by rank.
      </Typography>
    </Box>
  );
}
