import PDFDocument from 'pdfkit';
import type { AuditEntryView } from '../../../shared/contract/audit';

/*
 * The audit trail as a PDF for an investigation or a subject access request: one line per entry,
 * in words, oldest first, with the filter that chose them and the entry ids (so each line can be
 * traced back to the hash-chained store). Entries carry no special-category values.
 */

const A4 = { w: 595.28, h: 841.89 };
const M = 40;
const W = A4.w - 2 * M;
const COLUMNS = [
  { title: 'Entry', width: 44 },
  { title: 'When (UTC)', width: 92 },
  { title: 'What happened', width: W - 44 - 92 - 60 },
  { title: 'Outcome', width: 60 },
];

export function auditPdf(entries: readonly AuditEntryView[], o: { filterWords: string; producedBy: string; producedAt: Date; demo: boolean }): Buffer {
  const doc = new PDFDocument({
    size: 'A4',
    margin: M,
    bufferPages: true,
    info: { Title: 'Audit trail extract', Author: 'RCC Placements', Subject: o.filterWords, CreationDate: o.producedAt },
  });
  doc.font('Helvetica-Bold').fontSize(16).fillColor('#1a1a1a').text('Audit trail extract', M, M, { width: W });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555555')
    .text(
      `${o.filterWords}. ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, oldest first. Produced by ${o.producedBy} on ${o.producedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC.` +
        `${o.demo ? ' Demo region: synthetic data.' : ''}`,
      { width: W },
    );
  let y = doc.y + 10;
  const header = () => {
    let x = M;
    doc.font('Helvetica-Bold').fontSize(8).fillColor('#1a1a1a');
    for (const c of COLUMNS) {
      doc.text(c.title, x, y, { width: c.width - 4 });
      x += c.width;
    }
    y += 14;
    doc
      .moveTo(M, y - 3)
      .lineTo(M + W, y - 3)
      .strokeColor('#999999')
      .lineWidth(0.5)
      .stroke();
  };
  header();
  doc.font('Helvetica').fontSize(8);
  for (const e of entries) {
    const cells = [String(e.id), e.at.replace('T', ' ').slice(0, 19), e.words, e.outcome === 'ok' ? 'done' : e.outcome];
    const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: COLUMNS[i]!.width - 4 }))) + 4;
    if (y + height > A4.h - M - 16) {
      doc.addPage();
      y = M;
      header();
      doc.font('Helvetica').fontSize(8);
    }
    let x = M;
    doc.fillColor(e.outcome === 'ok' ? '#1a1a1a' : '#a11a1a');
    for (const [i, text] of cells.entries()) {
      doc.text(text, x, y, { width: COLUMNS[i]!.width - 4 });
      x += COLUMNS[i]!.width;
    }
    y += height;
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor('#777777')
      .text(`RCC Placements audit trail extract. Page ${i + 1} of ${range.count}.`, M, A4.h - M + 14, {
        width: W,
        align: 'center',
        lineBreak: false,
        height: 10,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  const chunks: Buffer[] = [];
  // After end() PDFKit has buffered every chunk, so it is read synchronously inside the call.
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) chunks.push(chunk);
  return Buffer.concat(chunks);
}
