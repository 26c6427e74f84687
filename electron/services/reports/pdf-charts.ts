import type PDFDocument from 'pdfkit';
import type { BoxStats } from '../../../shared/contract/market';

/*
 * Charts drawn as vector paths straight onto a PDFKit page: crisp at any zoom, selectable text,
 * no browser, no canvas and no network. Each function draws inside the box it is given.
 */

type Doc = InstanceType<typeof PDFDocument>;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Series colours, shared with the tests that look for them in the rendered page. */
export const COLOURS = {
  demand: '#c2410c',
  supply: '#1d4ed8',
  placed: '#64748b',
  actual: '#0f766e',
  forecast: '#99d5cf',
  foster: '#2e7d32',
  residential: '#7b1fa2',
  supported: '#ef6c00',
  ink: '#1f2937',
  muted: '#6b7280',
  grid: '#e5e7eb',
  median: '#b91c1c',
} as const;

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/**
 * Round axis steps (1, 2, 2.5, 5 x 10^n) giving about `target` ticks up to the maximum. Counts
 * (`whole`) step by whole numbers, so an axis of children never reads 0, 1, 1, 2, 2.
 */
export function niceTicks(max: number, target = 5, whole = false): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const step = whole ? Math.max(1, nice === 2.5 ? 2 : Math.round(nice)) : nice;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

export function chartTitle(doc: Doc, box: Box, title: string, subtitle?: string): Box {
  doc.font(BOLD).fontSize(11).fillColor(COLOURS.ink).text(title, box.x, box.y, { width: box.w, lineBreak: false });
  let used = 16;
  if (subtitle) {
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor(COLOURS.muted)
      .text(subtitle, box.x, box.y + used, { width: box.w });
    used += doc.heightOfString(subtitle, { width: box.w }) + 4;
  }
  return { x: box.x, y: box.y + used, w: box.w, h: box.h - used };
}

export function legend(doc: Doc, x: number, y: number, items: readonly { label: string; colour: string }[]): void {
  let cx = x;
  doc.font(FONT).fontSize(8);
  for (const item of items) {
    doc.rect(cx, y + 1, 8, 8).fill(item.colour);
    doc.fillColor(COLOURS.ink).text(item.label, cx + 11, y + 1, { lineBreak: false });
    cx += 11 + doc.widthOfString(item.label) + 14;
  }
}

export interface BarSeries {
  label: string;
  colour: string;
  values: readonly number[];
}

/** Vertical grouped (or stacked) bars with a value axis on the left and a legend on top. */
export function barChart(
  doc: Doc,
  box: Box,
  opts: { categories: readonly string[]; series: readonly BarSeries[]; format: (v: number) => string; stacked?: boolean; counts?: boolean },
): void {
  legend(doc, box.x, box.y, opts.series);
  const top = box.y + 18;
  const labelH = 26;
  const axisW = 48;
  const plot = { x: box.x + axisW, y: top, w: box.w - axisW, h: box.h - (top - box.y) - labelH };
  const totals = opts.categories.map((_, i) =>
    opts.stacked ? opts.series.reduce((n, s) => n + (s.values[i] ?? 0), 0) : Math.max(0, ...opts.series.map((s) => s.values[i] ?? 0)),
  );
  const ticks = niceTicks(Math.max(1, ...totals), 5, opts.counts ?? false);
  const top0 = ticks.at(-1)!;
  const yOf = (v: number) => plot.y + plot.h - (v / top0) * plot.h;

  doc.font(FONT).fontSize(7);
  for (const t of ticks) {
    doc
      .moveTo(plot.x, yOf(t))
      .lineTo(plot.x + plot.w, yOf(t))
      .lineWidth(0.5)
      .strokeColor(COLOURS.grid)
      .stroke();
    doc.fillColor(COLOURS.muted).text(opts.format(t), box.x, yOf(t) - 3, { width: axisW - 4, align: 'right', lineBreak: false });
  }
  const groupW = plot.w / Math.max(1, opts.categories.length);
  const inner = groupW * 0.72;
  opts.categories.forEach((cat, i) => {
    const gx = plot.x + i * groupW + (groupW - inner) / 2;
    if (opts.stacked) {
      let base = 0;
      for (const s of opts.series) {
        const v = s.values[i] ?? 0;
        if (v > 0) doc.rect(gx, yOf(base + v), inner, yOf(base) - yOf(base + v)).fill(s.colour);
        base += v;
      }
    } else {
      const barW = inner / opts.series.length;
      opts.series.forEach((s, k) => {
        const v = s.values[i] ?? 0;
        if (v > 0) doc.rect(gx + k * barW, yOf(v), barW * 0.92, yOf(0) - yOf(v)).fill(s.colour);
      });
    }
    doc
      .fillColor(COLOURS.ink)
      .fontSize(7)
      .text(cat, plot.x + i * groupW, plot.y + plot.h + 4, { width: groupW, align: 'center', height: labelH, ellipsis: true });
  });
  doc
    .moveTo(plot.x, yOf(0))
    .lineTo(plot.x + plot.w, yOf(0))
    .lineWidth(0.8)
    .strokeColor(COLOURS.ink)
    .stroke();
}

/**
 * Horizontal bars, one per row, with the value printed at the end of each bar. A row of several
 * segments is a stacked bar (each part in its colour), its total printed at the end.
 */
export function horizontalBars(
  doc: Doc,
  box: Box,
  rows: readonly { label: string; value?: number; colour?: string; segments?: readonly { value: number; colour: string }[] }[],
  format: (v: number) => string,
): void {
  const labelW = Math.min(170, box.w * 0.4);
  const rowH = Math.min(16, box.h / Math.max(1, rows.length));
  const partsOf = (r: (typeof rows)[number]) => r.segments ?? [{ value: r.value ?? 0, colour: r.colour ?? COLOURS.ink }];
  const totalOf = (r: (typeof rows)[number]) => partsOf(r).reduce((n, p) => n + p.value, 0);
  const max = Math.max(1, ...rows.map(totalOf));
  const barSpace = box.w - labelW - 60;
  doc.font(FONT).fontSize(7.5);
  rows.forEach((r, i) => {
    const y = box.y + i * rowH;
    doc.fillColor(COLOURS.ink).text(r.label, box.x, y + rowH / 2 - 4, { width: labelW - 6, align: 'right', lineBreak: false, ellipsis: true });
    let x = box.x + labelW;
    for (const part of partsOf(r)) {
      const w = (part.value / max) * barSpace;
      if (w > 0) doc.rect(x, y + 2, w, rowH - 4).fill(part.colour);
      x += w;
    }
    doc.fillColor(COLOURS.muted).text(format(totalOf(r)), x + 4, y + rowH / 2 - 4, { lineBreak: false });
  });
}

/** Tukey box plots on a shared horizontal price axis, with the overall median as a dashed line. */
export function boxPlots(
  doc: Doc,
  box: Box,
  rows: readonly { label: string; stats: BoxStats; colour: string }[],
  format: (v: number) => string,
  tickFormat: (v: number) => string = format,
): void {
  const labelW = 120;
  const axisH = 16;
  // The median and count go in a column of their own at the right, where no whisker or outlier can reach them.
  const noteW = 92;
  const plot = { x: box.x + labelW, y: box.y, w: box.w - labelW - noteW - 10, h: box.h - axisH };
  const max = Math.max(1, ...rows.map((r) => r.stats.max));
  const ticks = niceTicks(max, 6);
  const top = ticks.at(-1)!;
  const xOf = (v: number) => plot.x + (Math.max(0, v) / top) * plot.w;
  doc.font(FONT).fontSize(7);
  for (const t of ticks) {
    doc
      .moveTo(xOf(t), plot.y)
      .lineTo(xOf(t), plot.y + plot.h)
      .lineWidth(0.5)
      .strokeColor(COLOURS.grid)
      .stroke();
    doc.fillColor(COLOURS.muted).text(tickFormat(t), xOf(t) - 25, plot.y + plot.h + 4, { width: 50, align: 'center', lineBreak: false });
  }
  const rowH = plot.h / Math.max(1, rows.length);
  rows.forEach((r, i) => {
    const cy = plot.y + i * rowH + rowH / 2;
    const bh = Math.min(18, rowH * 0.5);
    const s = r.stats;
    const whiskerLo = Math.max(s.min, s.lowerFence);
    const whiskerHi = Math.min(s.max, s.upperFence);
    doc
      .fillColor(COLOURS.ink)
      .fontSize(8)
      .text(r.label, box.x, cy - 4, { width: labelW - 8, align: 'right', lineBreak: false });
    doc.moveTo(xOf(whiskerLo), cy).lineTo(xOf(whiskerHi), cy).lineWidth(1).strokeColor(r.colour).stroke();
    doc
      .rect(xOf(s.q1), cy - bh / 2, Math.max(1, xOf(s.q3) - xOf(s.q1)), bh)
      .fillOpacity(0.25)
      .fillAndStroke(r.colour, r.colour);
    doc.fillOpacity(1);
    doc
      .moveTo(xOf(s.median), cy - bh / 2)
      .lineTo(xOf(s.median), cy + bh / 2)
      .lineWidth(2)
      .strokeColor(COLOURS.median)
      .stroke();
    if (s.max > s.upperFence) doc.circle(xOf(s.max), cy, 2.2).fill(COLOURS.median);
    doc
      .fillColor(COLOURS.ink)
      .font(BOLD)
      .fontSize(7.5)
      .text(`median ${format(s.median)}`, plot.x + plot.w + 12, cy - 8, { width: noteW, lineBreak: false });
    doc
      .fillColor(COLOURS.muted)
      .font(FONT)
      .fontSize(7)
      .text(`${new Intl.NumberFormat('en-GB').format(s.n)} prices`, plot.x + plot.w + 12, cy + 1.5, { width: noteW, lineBreak: false });
  });
}

export interface MapInput {
  width: number;
  height: number;
  councils: readonly {
    name: string;
    x: number;
    y: number;
    referrals: number;
    openBeds: number;
    referralRadius: number;
    bedRadius: number;
    labelX: number;
    labelY: number;
  }[];
  points: readonly { x: number; y: number; kind: 'foster' | 'residential' | 'supported'; beds: number }[];
}

/**
 * Councils as labelled centres with demand and supply circles (area in proportion), homes with open
 * beds as dots. Circles and label places come laid out from the sufficiency view, as on screen; the
 * labels go on last, on a white backing, so no dot or circle can hide a council's name.
 */
export function supplyDemandMap(doc: Doc, box: Box, map: MapInput, detail: (referrals: number, openBeds: number) => string): void {
  const scale = Math.min(box.w / map.width, box.h / map.height);
  const ox = box.x + (box.w - map.width * scale) / 2;
  const oy = box.y + (box.h - map.height * scale) / 2;
  const at = (x: number, y: number) => ({ x: ox + x * scale, y: oy + y * scale });
  doc
    .rect(ox, oy, map.width * scale, map.height * scale)
    .lineWidth(0.5)
    .strokeColor(COLOURS.grid)
    .stroke();
  for (const c of map.councils) {
    const q = at(c.x, c.y);
    const rd = c.referralRadius * scale;
    const rs = c.bedRadius * scale;
    if (rd > 0)
      doc
        .circle(q.x - rd * 0.55, q.y, rd)
        .fillOpacity(0.45)
        .fillAndStroke(COLOURS.demand, COLOURS.demand);
    if (rs > 0)
      doc
        .circle(q.x + rs * 0.55, q.y, rs)
        .fillOpacity(0.45)
        .fillAndStroke(COLOURS.supply, COLOURS.supply);
    doc.fillOpacity(1);
  }
  // Homes on top of the council circles, so none is hidden.
  for (const p of map.points) {
    const q = at(p.x, p.y);
    doc
      .circle(q.x, q.y, 1.8 + Math.min(3, p.beds * 0.6))
      .fillOpacity(0.9)
      .fill(COLOURS[p.kind]);
  }
  doc.fillOpacity(1);
  for (const c of map.councils) {
    const q = at(c.x, c.y);
    doc.circle(q.x, q.y, 1.5).fill(COLOURS.ink);
  }
  for (const c of map.councils) {
    const q = at(c.labelX, c.labelY);
    const second = detail(c.referrals, c.openBeds);
    const nameW = doc.font(BOLD).fontSize(7).widthOfString(c.name);
    const detailW = doc.font(FONT).fontSize(6.5).widthOfString(second);
    const w = Math.max(nameW, detailW) + 4;
    // The label's name sits on labelY; its second line one line (13 map units) below.
    const top = q.y - 6.5;
    const nextLine = q.y + 13 * scale - 5.5;
    doc
      .roundedRect(q.x - w / 2, top - 1, w, nextLine + 8 - top + 1, 1.5)
      .fillOpacity(0.82)
      .fill('#ffffff');
    doc.fillOpacity(1);
    doc
      .font(BOLD)
      .fontSize(7)
      .fillColor(COLOURS.ink)
      .text(c.name, q.x - w / 2, top, { width: w, align: 'center', lineBreak: false });
    doc
      .font(FONT)
      .fontSize(6.5)
      .fillColor(COLOURS.muted)
      .text(second, q.x - w / 2, nextLine, { width: w, align: 'center', lineBreak: false });
  }
}

/** A plain table with a bold header row and light rules; returns the y below it. */
export function table(
  doc: Doc,
  x: number,
  y: number,
  columns: readonly { label: string; width: number; align?: 'left' | 'right' }[],
  rows: readonly string[][],
): number {
  const rowH = 13;
  doc.font(BOLD).fontSize(7.5).fillColor(COLOURS.ink);
  let cx = x;
  for (const c of columns) {
    doc.text(c.label, cx + 2, y + 3, { width: c.width - 4, align: c.align ?? 'left', lineBreak: false });
    cx += c.width;
  }
  const total = columns.reduce((n, c) => n + c.width, 0);
  doc
    .moveTo(x, y + rowH)
    .lineTo(x + total, y + rowH)
    .lineWidth(0.8)
    .strokeColor(COLOURS.ink)
    .stroke();
  doc.font(FONT);
  rows.forEach((r, i) => {
    const ry = y + rowH * (i + 1);
    cx = x;
    columns.forEach((c, k) => {
      doc.fillColor(COLOURS.ink).text(r[k] ?? '', cx + 2, ry + 3, { width: c.width - 4, align: c.align ?? 'left', lineBreak: false, ellipsis: true });
      cx += c.width;
    });
    doc
      .moveTo(x, ry + rowH)
      .lineTo(x + total, ry + rowH)
      .lineWidth(0.4)
      .strokeColor(COLOURS.grid)
      .stroke();
  });
  return y + rowH * (rows.length + 1) + 4;
}
