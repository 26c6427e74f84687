import type { ReadableDB } from '../handle';
import { HOME_KIND_LABELS, VACANCY_STATUS_LABELS, VACANCY_STATUSES, type HomeKind, type VacancyStatus } from '../../shared/domain/homes';
import { writeCsv } from '../importers/csv';
import { isoToUkDate } from '../importers/values';
import { VACANCY_TEMPLATE_COLUMNS } from '../importers/vacancies';
import { writeXlsx, type XlsxCell } from '../importers/xlsx';
import { XLSX_MIME, type ExportFile } from './file';

/**
 * The vacancy feed template a provider fills in and sends back (imports.vacancies reads it): each
 * home's open and held vacancies, and a blank line for each home without one, where a new vacancy
 * can be written. Prices are pounds per week; dates dd/mm/yyyy (real dates in the workbook).
 */
interface TemplateRecord {
  homeId: number;
  urn: string | null;
  homeName: string;
  providerName: string;
  councilName: string;
  kind: HomeKind;
  vacancyId: number | null;
  beds: number | null;
  availableFrom: string | null;
  status: VacancyStatus | null;
  core: number | null;
  support: number | null;
  education: number | null;
  other: number | null;
  restrictions: string | null;
}

export interface VacancyTemplateOptions {
  format: 'csv' | 'xlsx';
  councilId: number | null;
  providerId: number | null;
  today: string;
}

const pounds = (pence: number | null) => (pence === null ? null : (pence / 100).toFixed(2));

export function exportVacancyTemplate(db: ReadableDB, options: VacancyTemplateOptions): ExportFile {
  const where = ['h.active = 1'];
  const params: number[] = [];
  if (options.councilId !== null) {
    where.push('h.council_id = ?');
    params.push(options.councilId);
  }
  if (options.providerId !== null) {
    where.push('h.provider_id = ?');
    params.push(options.providerId);
  }
  const rows = db
    .prepare(
      `SELECT h.id AS homeId, h.ofsted_urn AS urn, h.name AS homeName, p.name AS providerName, c.name AS councilName, h.kind,
              v.id AS vacancyId, v.beds, v.available_from AS availableFrom, v.status, v.price_core_pence AS core,
              v.price_support_pence AS support, v.price_education_pence AS education, v.price_other_pence AS other, v.restrictions
       FROM homes h
       JOIN providers p ON p.id = h.provider_id
       JOIN councils c ON c.id = h.council_id
       LEFT JOIN vacancies v ON v.home_id = h.id AND v.status IN ('open', 'held')
       WHERE ${where.join(' AND ')}
       ORDER BY c.name, p.name, h.name, h.id, v.id`,
    )
    .all(...params) as TemplateRecord[];

  const headers = VACANCY_TEMPLATE_COLUMNS.map((c) => c.header);
  const fileBase = `vacancy-template-${options.today}`;
  if (options.format === 'csv') {
    const data = rows.map((r) => [
      r.vacancyId,
      r.homeId,
      r.urn,
      r.homeName,
      r.providerName,
      r.councilName,
      HOME_KIND_LABELS[r.kind],
      r.beds,
      r.availableFrom === null ? null : isoToUkDate(r.availableFrom),
      r.status === null ? null : VACANCY_STATUS_LABELS[r.status],
      pounds(r.core),
      pounds(r.support),
      pounds(r.education),
      pounds(r.other),
      r.restrictions || null,
    ]);
    return { fileName: `${fileBase}.csv`, mimeType: 'text/csv', content: Buffer.from(`\uFEFF${writeCsv(headers, data)}`, 'utf8'), rows: data.length };
  }
  const data: XlsxCell[][] = rows.map((r) => [
    r.vacancyId,
    r.homeId,
    r.urn,
    r.homeName,
    r.providerName,
    r.councilName,
    HOME_KIND_LABELS[r.kind],
    r.beds,
    r.availableFrom === null ? null : new Date(`${r.availableFrom}T00:00:00Z`),
    r.status === null ? null : VACANCY_STATUS_LABELS[r.status],
    r.core === null ? null : r.core / 100,
    r.support === null ? null : r.support / 100,
    r.education === null ? null : r.education / 100,
    r.other === null ? null : r.other / 100,
    r.restrictions || null,
  ]);
  const money = '£#,##0.00';
  const formats: Partial<Record<string, string>> = {
    'Available from': 'dd/mm/yyyy',
    'Core weekly price (£)': money,
    'Support weekly price (£)': money,
    'Education weekly price (£)': money,
    'Other weekly price (£)': money,
  };
  const content = writeXlsx([
    {
      name: 'Vacancies',
      columns: headers.map((h) => ({
        header: h,
        ...(formats[h] ? { numFmt: formats[h] } : {}),
        ...(h === 'Home' || h === 'Provider' || h === 'Restrictions' ? { width: 32 } : {}),
      })),
      rows: data,
      lists: [{ column: headers.indexOf('Status'), values: VACANCY_STATUSES.map((s) => VACANCY_STATUS_LABELS[s]) }],
    },
  ]);
  return { fileName: `${fileBase}.xlsx`, mimeType: XLSX_MIME, content, rows: data.length };
}
