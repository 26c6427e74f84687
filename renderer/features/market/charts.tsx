import type { ReactNode } from 'react';
import { Box, Paper, Stack, Typography, useTheme } from '@mui/material';
import { ChartsContainer } from '@mui/x-charts/ChartsContainer';
import { ChartsGrid } from '@mui/x-charts/ChartsGrid';
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine';
import { ChartsXAxis } from '@mui/x-charts/ChartsXAxis';
import { ChartsYAxis } from '@mui/x-charts/ChartsYAxis';
import { useXScale, useYScale } from '@mui/x-charts/hooks';
import type { BoxStats, SufficiencyView } from '../../../shared/contract/market';
import WarningIcon from '@mui/icons-material/WarningAmberOutlined';
import { formatMonth } from '../../../shared/domain/calendar';
import { formatPence } from '../../../shared/domain/money';
import { restsOnFew } from '../../../shared/domain/stats';
import { fewWords } from './caution';

/** One palette for the market screens (the PDF report uses the same series colours). */
export const MARKET_COLOURS = {
  demand: '#c2410c',
  supply: '#1d4ed8',
  placed: '#64748b',
  actual: '#0f766e',
  forecast: '#99d5cf',
  foster: '#2e7d32',
  residential: '#7b1fa2',
  supported: '#ef6c00',
  median: '#b91c1c',
  inHouse: '#0f766e',
  external: '#b45309',
  core: '#1f4e79',
  support: '#5b8fc7',
  education: '#9cc3e6',
  other: '#d1d5db',
} as const;

/** Pounds, shortened for an axis: £950, £4.2k, £6k, £1.3m (round figures lose the ".0", so ticks read alike). */
export function poundsShort(pence: number): string {
  const pounds = pence / 100;
  const trim = (v: number) => v.toFixed(1).replace(/\.0$/, '');
  if (Math.abs(pounds) >= 1_000_000) return `£${trim(pounds / 1_000_000)}m`;
  if (Math.abs(pounds) >= 10_000) return `£${Math.round(pounds / 1000)}k`;
  if (Math.abs(pounds) >= 1_000) return `£${trim(pounds / 1000)}k`;
  return `£${Math.round(pounds)}`;
}

const MONTH_ONLY = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });

/**
 * The one way a chart writes a month, on its axis and in its tooltip: "Nov 2026" under a tick (or
 * "Nov" where the chart's title names the year and twelve ticks must fit), "November 2026" in a
 * tooltip. Takes the ISO month (YYYY-MM) or a band's Date (UTC midnight on the 1st).
 */
export function chartMonth(month: string | Date, context?: { location: string }, tick: 'month' | 'month-year' = 'month-year'): string {
  const iso = typeof month === 'string' ? month : month.toISOString();
  const onTick = context === undefined || context.location === 'tick';
  if (!onTick) return formatMonth(iso, 'long');
  return tick === 'month' ? MONTH_ONLY.format(new Date(`${iso.slice(0, 7)}-01T00:00:00Z`)) : formatMonth(iso);
}

export function ChartCard({ title, subtitle, children, label }: { title: string; subtitle?: string; children: ReactNode; label?: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, height: '100%' }} component="figure" aria-label={label ?? title} style={{ margin: 0 }}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      {subtitle && (
        <Typography variant="body2" color="text.secondary" component="figcaption" sx={{ mb: 1 }}>
          {subtitle}
        </Typography>
      )}
      {children}
    </Paper>
  );
}

export interface BoxRow {
  key: string;
  label: string;
  stats: BoxStats;
  colour: string;
  /** Individual prices drawn as a strip over the box; outliers in red. */
  points?: readonly { value: number; outlier: boolean }[];
  /** The region's median for this row's type: a red tick where the provider should be compared. */
  benchmark?: number;
}

/** A deterministic jitter in [-1, 1], so the strip looks the same on every render. */
function jitter(i: number): number {
  const s = Math.sin(i * 12.9898) * 43758.5453;
  return (s - Math.floor(s)) * 2 - 1;
}

function BoxLayer({ rows }: { rows: readonly BoxRow[] }) {
  const x = useXScale<'linear'>('price');
  const y = useYScale<'band'>('rows');
  const band = y.bandwidth();
  return (
    <g>
      {rows.map((r) => {
        const top = y(r.label);
        if (top === undefined) return null;
        const cy = top + band / 2;
        const h = Math.min(26, band * 0.6);
        const s = r.stats;
        const lo = Math.max(s.min, s.lowerFence);
        const hi = Math.min(s.max, s.upperFence);
        return (
          <g key={r.key} data-row={r.key}>
            <title>{`${r.label}: median ${formatPence(s.median)}, quartiles ${formatPence(s.q1)} to ${formatPence(s.q3)}, ${s.n} prices`}</title>
            <line x1={x(lo)} x2={x(hi)} y1={cy} y2={cy} stroke={r.colour} strokeWidth={1.5} />
            <line x1={x(lo)} x2={x(lo)} y1={cy - h / 3} y2={cy + h / 3} stroke={r.colour} />
            <line x1={x(hi)} x2={x(hi)} y1={cy - h / 3} y2={cy + h / 3} stroke={r.colour} />
            <rect x={x(s.q1)} y={cy - h / 2} width={Math.max(1.5, x(s.q3) - x(s.q1))} height={h} fill={r.colour} fillOpacity={0.18} stroke={r.colour} />
            <line x1={x(s.median)} x2={x(s.median)} y1={cy - h / 2} y2={cy + h / 2} stroke={r.colour} strokeWidth={3} />
            {(r.points ?? []).map((p, i) => (
              <circle
                key={i}
                cx={x(p.value)}
                cy={cy + jitter(i + r.key.length * 31) * h * 0.45}
                r={p.outlier ? 4 : 2.5}
                fill={p.outlier ? MARKET_COLOURS.median : r.colour}
                fillOpacity={p.outlier ? 1 : 0.55}
              />
            ))}
            {r.benchmark !== undefined && (
              <path d={`M ${x(r.benchmark)} ${cy - h / 2 - 6} l 4 -6 l -8 0 Z`} fill={MARKET_COLOURS.median}>
                <title>{`Region's median: ${formatPence(r.benchmark)}`}</title>
              </path>
            )}
          </g>
        );
      })}
    </g>
  );
}

/**
 * Box plots (quartiles, median, whiskers to 1.5 IQR) with each price as a dot, drawn inside MUI X
 * Charts' container so the axes, grid and reference line are the library's own.
 */
export function BoxStripChart({
  rows,
  medianLine,
  ariaLabel,
  maxLabelWidth = 220,
}: {
  rows: readonly BoxRow[];
  medianLine?: number;
  ariaLabel: string;
  /** Widest the row names may take before they are cut short; the rest of the card is the plot. */
  maxLabelWidth?: number;
}) {
  if (rows.length === 0) return <Typography color="text.secondary">No prices match these filters.</Typography>;
  const max = Math.max(...rows.map((r) => r.stats.max), medianLine ?? 0) * 1.06;
  const longest = Math.max(...rows.map((r) => r.label.length));
  return (
    <Box role="img" aria-label={ariaLabel}>
      <ChartsContainer
        skipAnimation
        height={Math.max(180, 60 + rows.length * 50)}
        series={[]}
        xAxis={[{ id: 'price', scaleType: 'linear', min: 0, max, valueFormatter: (v: number) => poundsShort(v) }]}
        yAxis={[{ id: 'rows', scaleType: 'band', data: rows.map((r) => r.label), width: Math.min(maxLabelWidth, 20 + longest * 6.8) }]}
        margin={{ right: 24, top: 16 }}
      >
        <ChartsGrid vertical />
        <BoxLayer rows={rows} />
        {medianLine !== undefined && <ChartsReferenceLine x={medianLine} lineStyle={{ stroke: MARKET_COLOURS.median, strokeDasharray: '5 4' }} />}
        <ChartsXAxis axisId="price" />
        <ChartsYAxis axisId="rows" />
      </ChartsContainer>
    </Box>
  );
}

/**
 * The councils as labelled centres, with circles for open referrals and open beds (area in
 * proportion) and a dot for each cell of about a kilometre holding open beds. Drawn as SVG from the
 * projected positions the backend sends: no tiles, no network.
 */
export function SupplyDemandMap({ map }: { map: SufficiencyView['map'] }) {
  // Labels get a halo of the page's own colour, so they stay legible over circles and dots in either mode.
  const halo = useTheme().palette.background.paper;
  const summary = map.councils.map((c) => `${c.name}: ${c.referrals} open referrals, ${c.openBeds} open beds`).join('; ');
  return (
    <Box>
      <svg viewBox={`0 0 ${map.width} ${map.height}`} width="100%" role="img" aria-label={`Map of demand and supply. ${summary}`} style={{ maxHeight: 520 }}>
        <title>Map of demand and supply</title>
        <rect x={0} y={0} width={map.width} height={map.height} fill="none" stroke="#d1d5db" />
        {map.councils.map((c) => (
          <g key={c.councilId}>
            {c.referralRadius > 0 && (
              <circle
                cx={c.x - c.referralRadius * 0.55}
                cy={c.y}
                r={c.referralRadius}
                fill={MARKET_COLOURS.demand}
                fillOpacity={0.4}
                stroke={MARKET_COLOURS.demand}
              />
            )}
            {c.bedRadius > 0 && (
              <circle cx={c.x + c.bedRadius * 0.55} cy={c.y} r={c.bedRadius} fill={MARKET_COLOURS.supply} fillOpacity={0.4} stroke={MARKET_COLOURS.supply} />
            )}
          </g>
        ))}
        {map.points.map((p, i) => (
          <circle key={i} cx={p.x} cy={p.y} r={2.5 + Math.min(4, p.beds)} fill={MARKET_COLOURS[p.kind]} fillOpacity={0.85} stroke="#fff" strokeWidth={0.8}>
            <title>{`${p.beds} open bed${p.beds === 1 ? '' : 's'}`}</title>
          </circle>
        ))}
        {map.councils.map((c) => (
          <circle key={c.councilId} cx={c.x} cy={c.y} r={2} fill="#111827" />
        ))}
        {/* Labels last, where the backend placed them clear of each other and of the circles. */}
        {map.councils.map((c) => (
          <g key={c.councilId} data-council={c.name}>
            <text
              x={c.labelX}
              y={c.labelY}
              textAnchor="middle"
              fontSize={11}
              fontWeight={600}
              fill="currentColor"
              paintOrder="stroke"
              stroke={halo}
              strokeWidth={3}
            >
              {c.name}
            </text>
            <text
              x={c.labelX}
              y={c.labelY + 13}
              textAnchor="middle"
              fontSize={9}
              fill="currentColor"
              opacity={0.8}
              paintOrder="stroke"
              stroke={halo}
              strokeWidth={3}
            >
              {`${c.referrals} waiting · ${c.openBeds} bed${c.openBeds === 1 ? '' : 's'}`}
            </text>
          </g>
        ))}
      </svg>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', mt: 1 }} aria-hidden>
        {[
          ['Open referrals', MARKET_COLOURS.demand],
          ['Open beds', MARKET_COLOURS.supply],
          ['Foster home', MARKET_COLOURS.foster],
          ["Children's home", MARKET_COLOURS.residential],
          ['Supported accommodation', MARKET_COLOURS.supported],
        ].map(([label, colour]) => (
          <Stack key={label} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <Box sx={{ width: 12, height: 12, borderRadius: '50%', bgcolor: colour }} />
            <Typography variant="caption">{label}</Typography>
          </Stack>
        ))}
      </Stack>
    </Box>
  );
}

/** Headline figures in a row of tiles. */
/** A figure in a tile; `few` when it rests on a count of prices or placements that may be too small to rely on. */
export interface KeyFigure {
  label: string;
  value: string;
  note?: string;
  few?: { n: number; noun: 'price' | 'placement' };
}

export function KeyFigures({ items }: { items: readonly KeyFigure[] }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))', gap: 1.5, mb: 2 }} component="dl">
      {items.map((item) => (
        <Paper key={item.label} variant="outlined" sx={{ p: 1.5 }}>
          <Typography variant="body2" color="text.secondary" component="dt">
            {item.label}
          </Typography>
          <Typography variant="h5" component="dd" sx={{ m: 0, fontWeight: 600 }}>
            {item.value}
          </Typography>
          {item.note && (
            <Typography variant="caption" color="text.secondary" component="dd" sx={{ m: 0 }}>
              {item.note}
            </Typography>
          )}
          {item.few && restsOnFew(item.few.n) && (
            <Typography
              variant="caption"
              component="dd"
              sx={{ m: 0, display: 'flex', gap: 0.5, alignItems: 'flex-start', color: 'warning.main', fontWeight: 600 }}
            >
              <WarningIcon fontSize="inherit" aria-hidden sx={{ mt: '2px' }} />
              {`Caution: ${fewWords(item.few.n, item.few.noun).replace(/: treat with caution$/, '')}`}
            </Typography>
          )}
        </Paper>
      ))}
    </Box>
  );
}
