/** A file an export produces, before the service encodes it for the wire. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  content: Buffer;
  /** Data rows (not counting the header). */
  rows: number;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
