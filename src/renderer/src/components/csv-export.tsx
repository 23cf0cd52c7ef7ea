/** One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A header row and data rows as RFC 4180 CSV (CRLF line breaks, trailing CRLF). */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Saves text as a file through a Blob URL (works in the browser and in Electron's renderer). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A timestamp for file names: 20260101-142233 (UTC). */
export function fileStamp(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export function CsvButton({ label = 'Export CSV', filename, build, disabled }: { label?: string; filename: string; build: () => string; disabled?: boolean }) {
  return (
    <button type="button" className="btn btn-sm" disabled={disabled} title="Download as CSV (RFC 4180, UTF-8, UTC times)" onClick={() => downloadText(`${filename}-${fileStamp()}.csv`, build())}>
      {label}
    </button>
  );
}
