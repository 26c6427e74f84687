import PDFDocument from 'pdfkit';
import { XLSX_MIME, type ExportFile } from '../../../db/exporters/file';
import { writeXlsx, type XlsxCell } from '../../../db/importers/xlsx';
import type { RankedHome, SearchResult } from '../../../shared/contract/matching';
import { HOME_KIND_LABELS } from '../../../shared/domain/homes';
import { formatIsoDate } from '../../../shared/domain/calendar';
import { formatPence } from '../../../shared/domain/money';
import { FACTOR_LABELS, FACTORS } from '../../../shared/scoring/types';

/**
 * The shortlist a matching panel reads: the chosen (or top) homes of one search, each with its scores
 * and every factor's reasons, the child's wishes as the referral recorded them, the policy version the
 * search ran under, and the date. It identifies the child only by the referral and the child's reference.
 */
export interface ShortlistMeta {
  referralId: number;
  childRef: string;
  /** When the export was made, ISO. */
  at: string;
  demo: boolean;
}

const miles = (n: number) => `${n.toFixed(1)} miles`;
const day = (iso: string) => formatIsoDate(iso.slice(0, 10));

/** The shortlist as a workbook: one row per home on the first sheet, one row per reason on the second. */
export function shortlistXlsx(search: SearchResult, homes: RankedHome[], meta: ShortlistMeta): ExportFile {
  const homeRows: XlsxCell[][] = homes.map((h) => [
    h.rank,
    h.homeName,
    HOME_KIND_LABELS[h.kind],
    h.providerName,
    h.councilName,
    Math.round(h.homeMiles * 10) / 10,
    h.weeklyPence / 100,
    Math.round(h.total * 10) / 10,
    // A factor not scored for this child (no wishes recorded) is said in words, never written as 0.
    ...FACTORS.map((f) => (h.factors[f].scored ? Math.round(h.factors[f].score) : 'not scored')),
  ]);
  const reasonRows: XlsxCell[][] = homes.flatMap((h) => [
    ...FACTORS.flatMap((f) => h.factors[f].lines.map((line): XlsxCell[] => [h.rank, h.homeName, FACTOR_LABELS[f], line])),
    ...h.explanation.map((line): XlsxCell[] => [h.rank, h.homeName, 'Summary', line]),
  ]);
  const about: XlsxCell[][] = [
    ['Referral', meta.referralId],
    ['Child reference', meta.childRef],
    ['Search', search.runId],
    ['Search run', day(search.at)],
    ['Policy version', search.policyVersion],
    ['Exported', day(meta.at)],
    ["Child's wishes (as recorded)", search.childWishes || 'None recorded'],
    ...(meta.demo ? [['Data', 'Demo region: synthetic data'] as XlsxCell[]] : []),
  ];
  const content = writeXlsx([
    {
      name: 'Shortlist',
      columns: [
        { header: 'Rank' },
        { header: 'Home', width: 34 },
        { header: 'Type', width: 22 },
        { header: 'Provider', width: 30 },
        { header: 'Council', width: 16 },
        { header: 'Distance (miles)' },
        { header: 'Weekly price (£)', numFmt: '£#,##0.00' },
        { header: 'Total score' },
        ...FACTORS.map((f) => ({ header: `${FACTOR_LABELS[f]} score` })),
      ],
      rows: homeRows,
    },
    {
      name: 'Reasons',
      columns: [{ header: 'Rank' }, { header: 'Home', width: 34 }, { header: 'Factor', width: 12 }, { header: 'Reason', width: 100 }],
      rows: reasonRows,
    },
    {
      name: 'About',
      columns: [
        { header: 'Item', width: 30 },
        { header: 'Value', width: 80 },
      ],
      rows: about,
    },
  ]);
  return { fileName: `shortlist-referral-${meta.referralId}-search-${search.runId}.xlsx`, mimeType: XLSX_MIME, content, rows: homeRows.length };
}

const A4 = { w: 595.28, h: 841.89 };
const M = 48;
const W = A4.w - 2 * M;

/** The shortlist as a PDF: a cover block, then each home with its scores and reasons. */
export function shortlistPdf(search: SearchResult, homes: RankedHome[], meta: ShortlistMeta): ExportFile & { pages: number } {
  const doc = new PDFDocument({
    size: 'A4',
    margin: M,
    bufferPages: true,
    info: { Title: `Shortlist for referral ${meta.referralId}`, Author: 'RCC Placements', Subject: 'Matching panel shortlist' },
  });
  doc.font('Helvetica-Bold').fontSize(16).text(`Shortlist for the matching panel: referral ${meta.referralId}`);
  doc.moveDown(0.3).font('Helvetica').fontSize(9.5);
  doc.text(
    `Child reference ${meta.childRef}. Search ${search.runId} run ${day(search.at)} by ${search.by}, policy version ${search.policyVersion}. Exported ${day(meta.at)}.`,
  );
  if (meta.demo) doc.text('Demo region: every name and figure is synthetic.');
  doc.moveDown(0.5).font('Helvetica-Bold').text("The child's wishes, as recorded");
  doc.font('Helvetica').text(search.childWishes || 'None recorded.');

  for (const h of homes) {
    doc.moveDown(0.8);
    if (doc.y > A4.h - 200) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(12).text(`${h.rank}. ${h.homeName}`);
    doc.font('Helvetica').fontSize(9.5);
    doc.text(
      `${HOME_KIND_LABELS[h.kind]}, ${h.providerName}, ${h.councilName}. ${miles(h.homeMiles)} from home; ${formatPence(h.weeklyPence)} a week; free from ${formatIsoDate(h.availableFrom)}.`,
    );
    doc.text(
      `Total score ${h.total.toFixed(1)}: ${FACTORS.map((f) => `${FACTOR_LABELS[f]} ${h.factors[f].scored ? Math.round(h.factors[f].score) : 'not scored'}`).join(', ')}.`,
    );
    for (const f of FACTORS) {
      const lines = h.factors[f].lines;
      if (lines.length === 0) continue;
      doc.moveDown(0.2).font('Helvetica-Bold').text(FACTOR_LABELS[f]);
      doc.font('Helvetica');
      for (const line of lines) doc.text(`•  ${line}`, { width: W, indent: 8 });
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // The footer sits in the bottom margin; text there would otherwise start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7.5).fillColor('#555555');
    doc.text(
      `Referral ${meta.referralId} shortlist · policy version ${search.policyVersion} · page ${i + 1} of ${range.count} · OFFICIAL-SENSITIVE`,
      M,
      A4.h - 30,
      { width: W, align: 'center', lineBreak: false, height: 10 },
    );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  const content = Buffer.concat(chunks);
  return {
    fileName: `shortlist-referral-${meta.referralId}-search-${search.runId}.pdf`,
    mimeType: 'application/pdf',
    content,
    rows: homes.length,
    pages: range.count,
  };
}
