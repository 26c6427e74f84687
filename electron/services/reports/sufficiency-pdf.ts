import PDFDocument from 'pdfkit';
import type { GapRow } from '../../../shared/contract/market';
import { HOME_KIND_LABELS, type HomeKind } from '../../../shared/domain/homes';
import { formatIsoDate } from '../../../shared/domain/calendar';
import { formatPence } from '../../../shared/domain/money';
import type { MarketData } from '../market-data';
import { priceStatsByKind } from '../market-prices';
import { buildSpendView, buildUnitCosts } from '../market-spend';
import { buildSufficiencyView, mapDetail } from '../market-sufficiency';
import { barChart, boxPlots, chartTitle, COLOURS, horizontalBars, legend, supplyDemandMap, table, type Box } from './pdf-charts';
import { dfeDistanceWords } from '../../../shared/domain/dfeDistance';

/*
 * The one-click sufficiency summary for a cabinet paper: headline figures, demand against supply,
 * gaps by area and type, the map, spend and its forecast, unit costs and prices. Aggregates only:
 * nothing in it identifies a child. Built with PDFKit (vector drawing, standard PDF fonts, no
 * browser), synchronously, so it runs inside the dispatcher like any other read.
 */

const A4 = { w: 595.28, h: 841.89 };
const M = 42;
const W = A4.w - 2 * M;

const money = (pence: number) => formatPence(pence);
const moneyShort = (pence: number) => {
  const pounds = pence / 100;
  if (Math.abs(pounds) >= 1_000_000) return `£${(pounds / 1_000_000).toFixed(1).replace(/\.0$/, '')}m`;
  if (Math.abs(pounds) >= 10_000) return `£${Math.round(pounds / 1000)}k`;
  return formatPence(pence);
};
/** Axis ticks: round figures, written the same way at every size (£0, £5k, £10k, £1.5m). */
const tickMoney = (pence: number) => {
  const pounds = pence / 100;
  if (Math.abs(pounds) >= 1_000_000) return `£${(pounds / 1_000_000).toFixed(1).replace(/\.0$/, '')}m`;
  if (Math.abs(pounds) >= 1_000) return `£${(pounds / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return `£${Math.round(pounds)}`;
};
const whole = (n: number) => new Intl.NumberFormat('en-GB').format(Math.round(n));
const oneDecimal = (n: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(n);

export interface SummaryPdfOptions {
  councilId: number | null;
  scope: string;
  demo: boolean;
}

/** Draws the summary and returns the finished file. */
export function buildSufficiencyPdf(data: MarketData, o: SummaryPdfOptions): { bytes: Buffer; pages: number } {
  const today = data.today;
  const suff = buildSufficiencyView(data, o.councilId, o.scope);
  const spend = buildSpendView(data, o.councilId, o.scope);
  const units = buildUnitCosts(data, o.councilId);
  const priceStats = priceStatsByKind(data);

  const doc = new PDFDocument({
    size: 'A4',
    margin: M,
    bufferPages: true,
    info: {
      Title: `Sufficiency summary: ${o.scope}`,
      Author: 'RCC Placements',
      Subject: 'Placement sufficiency, spend and prices (aggregates only)',
      CreationDate: new Date(`${today}T12:00:00Z`),
    },
  });

  const heading = (text: string, sub: string) => {
    doc.font('Helvetica-Bold').fontSize(18).fillColor(COLOURS.ink).text(text, M, M, { width: W });
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(COLOURS.muted)
      .text(sub, M, doc.y + 2, { width: W });
    return doc.y + 12;
  };

  // Page 1: headline figures and demand against supply.
  let y = heading(
    `Sufficiency summary: ${o.scope}`,
    `Placements, homes and spend on ${formatIsoDate(today)}. Financial year ${formatIsoDate(spend.forecast.yearStart)} to ${formatIsoDate(spend.forecast.yearEnd)}.`,
  );
  const tiles: [string, string][] = [
    ['Children placed today', whole(suff.currentPlacements)],
    ['Open referrals', whole(suff.openReferrals)],
    ['Open beds', whole(suff.openBeds)],
    ['Approved places', whole(suff.approvedPlaces)],
    ['Weekly spend', money(spend.weeklyPence)],
    ['Annualised spend', moneyShort(spend.annualisedPence)],
    ['Forecast to 31 March', moneyShort(spend.forecast.outturnPence)],
    [`Placed over ${suff.distance.lineMiles} miles away`, `${suff.distance.over20MilesPct}%`],
    ['Placed outside their council', `${suff.distance.outOfAreaPct}%`],
    ['Median days to place', suff.timeToPlace.medianDays === null ? 'n/a' : oneDecimal(suff.timeToPlace.medianDays)],
    [
      'Referrals with no match',
      suff.noSuitableMatch.status === 'computed' && suff.noSuitableMatch.count !== null ? whole(suff.noSuitableMatch.count) : 'Pending',
    ],
    ['In-house share of spend', `${spend.bySector.find((s) => s.key === 'in_house')?.sharePct ?? 0}%`],
  ];
  const tileW = (W - 3 * 8) / 4;
  tiles.forEach(([label, value], i) => {
    const tx = M + (i % 4) * (tileW + 8);
    const ty = y + Math.floor(i / 4) * 52;
    doc.rect(tx, ty, tileW, 46).fill('#f3f4f6');
    doc
      .font('Helvetica')
      .fontSize(7.5)
      .fillColor(COLOURS.muted)
      .text(label, tx + 6, ty + 6, { width: tileW - 12, lineBreak: false, ellipsis: true });
    doc
      .font('Helvetica-Bold')
      .fontSize(15)
      .fillColor(COLOURS.ink)
      .text(value, tx + 6, ty + 20, { width: tileW - 12, lineBreak: false });
  });
  y += 3 * 52 + 14;

  let box: Box = chartTitle(
    doc,
    { x: M, y, w: W, h: 250 },
    'Demand and supply by type of home',
    'Open referrals by the type the social worker preferred; children placed today; open vacancy beds.',
  );
  const kinds = suff.byKind.filter((k) => k.key !== 'unstated');
  barChart(doc, box, {
    counts: true,
    categories: kinds.map((k) => k.label),
    series: [
      { label: 'Open referrals', colour: COLOURS.demand, values: kinds.map((k) => k.referrals) },
      { label: 'Open beds', colour: COLOURS.supply, values: kinds.map((k) => k.openBeds) },
      { label: 'Children placed', colour: COLOURS.placed, values: kinds.map((k) => k.placements) },
    ],
    format: whole,
  });
  y += 262;
  box = chartTitle(
    doc,
    { x: M, y, w: W, h: A4.h - M - 20 - y },
    'Open referrals and open beds by age band',
    'A bed counts for every band its home is approved or registered to take.',
  );
  barChart(doc, box, {
    counts: true,
    categories: suff.byAgeBand.map((a) => a.label),
    series: [
      { label: 'Open referrals', colour: COLOURS.demand, values: suff.byAgeBand.map((a) => a.referrals) },
      { label: 'Open beds', colour: COLOURS.supply, values: suff.byAgeBand.map((a) => a.openBeds) },
    ],
    format: whole,
  });

  // Page 2: where the region lacks homes.
  doc.addPage();
  y = heading('Where homes are missing', 'Open referrals against open beds by council and type of home; a negative balance is a shortfall.');
  box = chartTitle(
    doc,
    { x: M, y, w: W, h: 330 },
    'Map of demand and supply',
    'Circles: open referrals (orange) and open beds (blue) by council, area in proportion. Dots: homes with open beds, to about 1 km.',
  );
  supplyDemandMap(doc, { ...box, h: box.h - 16 }, suff.map, mapDetail);
  legend(doc, box.x, box.y + box.h - 10, [
    { label: 'Open referrals', colour: COLOURS.demand },
    { label: 'Open beds', colour: COLOURS.supply },
    { label: 'Foster home', colour: COLOURS.foster },
    { label: "Children's home", colour: COLOURS.residential },
    { label: 'Supported', colour: COLOURS.supported },
  ]);
  y += 342;
  doc.font('Helvetica-Bold').fontSize(11).fillColor(COLOURS.ink).text('Largest gaps by council and type', M, y);
  const shortfalls: GapRow[] = suff.gaps.filter((g) => g.balance < 0).slice(0, 14);
  y = table(
    doc,
    M,
    y + 16,
    [
      { label: 'Council', width: 190 },
      { label: 'Type of home', width: 150 },
      { label: 'Open referrals', width: 60, align: 'right' },
      { label: 'Open beds', width: 55, align: 'right' },
      { label: 'Balance', width: 56, align: 'right' },
    ],
    shortfalls.length > 0
      ? shortfalls.map((g) => [g.councilName, HOME_KIND_LABELS[g.kind], whole(g.referrals), whole(g.openBeds), whole(g.balance)])
      : [['No council has more referrals than open beds of the type wanted.', '', '', '', '']],
  );
  box = chartTitle(
    doc,
    { x: M, y: y + 6, w: W, h: A4.h - M - 20 - y - 6 },
    `Why children live more than ${suff.distance.lineMiles} miles away or outside their council`,
    `${suff.distance.over20Miles} over ${suff.distance.lineMiles} miles; ${suff.distance.outOfArea} outside their council. ${dfeDistanceWords(suff.distance)} Placing-at-distance reasons as recorded.`,
  );
  legend(doc, box.x, box.y, [
    { label: `Over ${suff.distance.lineMiles} miles`, colour: COLOURS.demand },
    { label: `Outside their council, within ${suff.distance.lineMiles} miles`, colour: COLOURS.placed },
  ]);
  horizontalBars(
    doc,
    { ...box, y: box.y + 16, h: box.h - 16 },
    suff.distance.reasons.slice(0, 8).map((r) => ({
      label: r.reason,
      segments: [
        { value: r.over20Miles, colour: COLOURS.demand },
        { value: r.outOfAreaWithin20Miles, colour: COLOURS.placed },
      ],
    })),
    whole,
  );

  // Page 3: spend.
  doc.addPage();
  y = heading(
    'Spend',
    `${whole(spend.currentPlacements)} placements cost ${money(spend.weeklyPence)} a week (${moneyShort(spend.annualisedPence)} a year). Forecast for the year: ${moneyShort(spend.forecast.outturnPence)}, of which ${moneyShort(spend.forecast.spentToDatePence)} is spent.`,
  );
  box = chartTitle(
    doc,
    { x: M, y, w: W, h: 230 },
    'Spend by month, this financial year',
    'Spent to date, then forecast from current placements and their planned end dates.',
  );
  barChart(doc, box, {
    categories: spend.forecast.months.map((m) =>
      new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(`${m.month}-01T00:00:00Z`)),
    ),
    series: [
      { label: 'Spent', colour: COLOURS.actual, values: spend.forecast.months.map((m) => m.actualPence) },
      { label: 'Forecast', colour: COLOURS.forecast, values: spend.forecast.months.map((m) => m.forecastPence) },
    ],
    format: tickMoney,
    stacked: true,
  });
  y += 242;
  box = chartTitle(doc, { x: M, y, w: W, h: 190 }, 'Weekly spend by placing council');
  horizontalBars(
    doc,
    box,
    spend.byCouncil.slice(0, 12).map((c) => ({ label: c.label, value: c.weeklyPence, colour: COLOURS.actual })),
    money,
  );
  y += 200;
  doc.font('Helvetica-Bold').fontSize(11).fillColor(COLOURS.ink).text('Annual unit cost per child', M, y);
  table(
    doc,
    M,
    y + 16,
    [
      { label: 'Kind of home', width: 200 },
      { label: 'Placed', width: 50, align: 'right' },
      { label: 'Mean a week', width: 80, align: 'right' },
      { label: 'A year', width: 90, align: 'right' },
      { label: 'Open beds', width: 50, align: 'right' },
      { label: 'Basis', width: 41 },
    ],
    units.rows.map((r) => [
      r.label,
      whole(r.currentPlacements),
      r.meanWeeklyPence === null ? '–' : money(r.meanWeeklyPence),
      r.annualUnitCostPence === null ? '–' : money(r.annualUnitCostPence),
      whole(r.openBeds),
      r.basis === 'placements' ? 'placed' : r.basis === 'vacancies' ? 'asking' : '–',
    ]),
  );

  // Page 4: prices and waiting.
  doc.addPage();
  y = heading(
    'Prices and time to place',
    'Weekly prices of current placements and open vacancies across the region, by type: box from lower to upper quartile, red line at the median, whiskers to 1.5 IQR, dots beyond are outliers.',
  );
  box = chartTitle(doc, { x: M, y, w: W, h: 170 }, 'Weekly price by type of home');
  boxPlots(
    doc,
    box,
    priceStats.map((g) => ({ label: HOME_KIND_LABELS[g.kind], stats: g.stats, colour: COLOURS[g.kind as HomeKind] })),
    money,
    tickMoney,
  );
  y += 182;
  box = chartTitle(
    doc,
    { x: M, y, w: W, h: 210 },
    'Days from referral to placement (last 12 months)',
    `${whole(suff.timeToPlace.n)} placements; median ${suff.timeToPlace.medianDays ?? 'n/a'} days, 90th percentile ${suff.timeToPlace.p90Days ?? 'n/a'} days.`,
  );
  barChart(doc, box, {
    counts: true,
    categories: suff.timeToPlace.histogram.map((h) => h.label),
    series: [{ label: 'Placements', colour: COLOURS.supply, values: suff.timeToPlace.histogram.map((h) => h.count) }],
    format: whole,
  });
  y += 222;
  box = chartTitle(
    doc,
    { x: M, y, w: W, h: 190 },
    'Needs: open referrals against open beds that meet them',
    'Ofsted registration categories asked for in referrals; open beds in homes registered for them (disability: specialist or LD/PD homes).',
  );
  barChart(doc, box, {
    counts: true,
    categories: suff.byNeed.map((n) => (n.key === 'DISABILITY' ? 'Disability' : n.key)),
    series: [
      { label: 'Open referrals', colour: COLOURS.demand, values: suff.byNeed.map((n) => n.referrals) },
      { label: 'Open beds', colour: COLOURS.supply, values: suff.byNeed.map((n) => n.openBeds) },
    ],
    format: whole,
  });

  // Footer on every page.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Text below the bottom margin would start a new page; the footer lives in the margin on purpose.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const note = `${o.demo ? 'Demo region: synthetic data. ' : ''}Aggregates only; no child can be identified from this report. RCC Placements, ${formatIsoDate(today)}. Page ${i + 1} of ${range.count}.`;
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor(COLOURS.muted)
      .text(note, M, A4.h - M + 14, { width: W, align: 'center', lineBreak: false, height: 10 });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  const chunks: Buffer[] = [];
  // PDFKit writes into a readable stream; after end() every chunk is already buffered, so it can be read synchronously.
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  return { bytes: Buffer.concat(chunks), pages: range.count };
}
