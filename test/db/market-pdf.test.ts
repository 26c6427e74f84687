import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketData } from '../../electron/services/market-data';
import { buildSufficiencyPdf } from '../../electron/services/reports/sufficiency-pdf';
import { COLOURS } from '../../electron/services/reports/pdf-charts';
import { popplerPresent } from '../helpers/present';
import { tempStore } from '../helpers/store';
import { CHILDREN, seedMarketFixture, TODAY } from './market.fixture';

/*
 * The sufficiency summary is drawn, then rendered back to pixels with poppler's pdftoppm (Debian
 * poppler-utils) and read as text with pdftotext: the charts must be on the page in their series
 * colours, and no child's name, reference or date of birth may be anywhere in the file.
 */

const POPPLER = popplerPresent();

const ARTIFACTS = resolve('test-artifacts/pdf');

type Rgb = [number, number, number];
const hex = (h: string): Rgb => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
/** The colour a fill of `opacity` makes over white paper. */
const overWhite = (h: string, opacity: number): Rgb => hex(h).map((c) => Math.round(c * opacity + 255 * (1 - opacity))) as Rgb;

interface Image {
  width: number;
  height: number;
  pixels: Buffer;
}

/** Reads a binary PPM (P6), which pdftoppm writes by default: a short text header, then RGB bytes. */
function readPpm(file: string): Image {
  const data = readFileSync(file);
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[i]!))) i++;
    let token = '';
    while (!/\s/.test(String.fromCharCode(data[i]!))) token += String.fromCharCode(data[i++]!);
    fields.push(token);
  }
  expect(fields[0]).toBe('P6');
  return { width: Number(fields[1]), height: Number(fields[2]), pixels: data.subarray(i + 1) };
}

function countNear(img: Image, colour: Rgb, tolerance = 24): number {
  let n = 0;
  for (let p = 0; p < img.pixels.length; p += 3) {
    if (
      Math.abs(img.pixels[p]! - colour[0]) <= tolerance &&
      Math.abs(img.pixels[p + 1]! - colour[1]) <= tolerance &&
      Math.abs(img.pixels[p + 2]! - colour[2]) <= tolerance
    )
      n++;
  }
  return n;
}

function inkShare(img: Image): number {
  let n = 0;
  for (let p = 0; p < img.pixels.length; p += 3) if (img.pixels[p]! < 235 || img.pixels[p + 1]! < 235 || img.pixels[p + 2]! < 235) n++;
  return n / (img.width * img.height);
}

describe.skipIf(!POPPLER)('the sufficiency summary PDF', () => {
  let store: ReturnType<typeof tempStore>;
  let dir: string;
  let pdf: { bytes: Buffer; pages: number };
  const pages: Image[] = [];
  let text = '';

  beforeAll(() => {
    store = tempStore({ kind: 'empty' });
    seedMarketFixture(store.db);
    pdf = buildSufficiencyPdf(new MarketData(store.db, TODAY), { councilId: null, scope: 'the whole region', demo: true });
    dir = mkdtempSync(join(tmpdir(), 'rcc-pdf-'));
    const file = join(dir, 'summary.pdf');
    writeFileSync(file, pdf.bytes);
    const ppm = spawnSync('pdftoppm', ['-r', '72', file, join(dir, 'page')], { encoding: 'utf8' });
    expect(ppm.status, ppm.stderr).toBe(0);
    for (let i = 1; i <= pdf.pages; i++) pages.push(readPpm(join(dir, `page-${i}.ppm`)));
    const txt = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(txt.status, txt.stderr).toBe(0);
    text = txt.stdout;
    // Kept for people to look at: the pages as PNG beside the other screenshots.
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'sufficiency-summary.pdf'), pdf.bytes);
    spawnSync('pdftoppm', ['-r', '60', '-png', file, join(ARTIFACTS, 'sufficiency-summary-page')]);
  });
  afterAll(() => {
    store?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is a four-page A4 PDF with the headline figures as text', () => {
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.bytes.subarray(-6).toString()).toContain('%%EOF');
    expect(pdf.pages).toBe(4);
    expect(pages).toHaveLength(4);
    // 72 dpi: A4 is 595.28 x 841.89 points, so the page is about 595 x 842 pixels.
    expect(Math.abs(pages[0]!.width - 595.28)).toBeLessThan(1);
    expect(Math.abs(pages[0]!.height - 841.89)).toBeLessThan(1);
    for (const heading of [
      'Sufficiency summary: the whole region',
      'Demand and supply by type of home',
      'Map of demand and supply',
      'Largest gaps by council and type',
      'Spend by month, this financial year',
      'Annual unit cost per child',
      'Weekly price by type of home',
      'Days from referral to placement',
    ]) {
      expect(text).toContain(heading);
    }
    // Weekly spend of the fixture's ten current placements: £31,880.
    expect(text).toContain('£31,880');
    expect(text).toContain('Brookmere');
  });

  it('carries its charts: each page has its series colours in real areas, not just a legend swatch', () => {
    const swatch = 8 * 8; // a legend key at 72 dpi
    const [p1, p2, p3, p4] = pages as [Image, Image, Image, Image];
    // Page 1: demand and supply bars.
    expect(countNear(p1, hex(COLOURS.demand))).toBeGreaterThan(20 * swatch);
    expect(countNear(p1, hex(COLOURS.supply))).toBeGreaterThan(20 * swatch);
    expect(countNear(p1, hex(COLOURS.placed))).toBeGreaterThan(10 * swatch);
    // Page 2: the map's translucent circles and the gap reasons' bars.
    expect(countNear(p2, overWhite(COLOURS.demand, 0.45), 20)).toBeGreaterThan(3 * swatch);
    expect(countNear(p2, overWhite(COLOURS.supply, 0.45), 20)).toBeGreaterThan(3 * swatch);
    expect(countNear(p2, hex(COLOURS.demand))).toBeGreaterThan(10 * swatch);
    // Page 3: spent and forecast months.
    expect(countNear(p3, hex(COLOURS.actual))).toBeGreaterThan(20 * swatch);
    expect(countNear(p3, hex(COLOURS.forecast))).toBeGreaterThan(10 * swatch);
    // Page 4: box plots (children's homes in purple, medians in red) and the waiting-time histogram.
    expect(countNear(p4, overWhite(COLOURS.residential, 0.25), 16)).toBeGreaterThan(swatch);
    expect(countNear(p4, hex(COLOURS.median), 30)).toBeGreaterThan(30);
    expect(countNear(p4, hex(COLOURS.supply))).toBeGreaterThan(10 * swatch);
    for (const page of pages) expect(inkShare(page)).toBeGreaterThan(0.02);
  });

  it('names no child: no name, reference or date of birth anywhere in the text', () => {
    for (const c of CHILDREN) {
      expect(text).not.toContain(c.name);
      expect(text).not.toContain(c.ref);
      expect(text).not.toContain(c.birth);
      const [y, m, d] = c.birth.split('-');
      expect(text).not.toContain(`${d}/${m}/${y}`);
    }
    expect(text).not.toMatch(/Case note/);
    expect(text).toContain('no child can be identified');
  });
});
