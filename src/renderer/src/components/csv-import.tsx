import { useState } from 'react';
import { ApiError, call } from '../api';

export function CsvImport() {
  const [text, setText] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);

  const run = async (): Promise<void> => {
    setBusy(true);
    try {
      const r = await call('positions.import', { csv: text });
      setMsg({ ok: true, text: `Imported ${r.imported} position${r.imported === 1 ? '' : 's'}: ${r.symbols.join(', ')}` });
      setText('');
    } catch (err) {
      setMsg({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-label="Import positions">
      <div className="panel-head">
        <h2>Import CSV</h2>
        <span className="muted">all-or-nothing · symbol, qty, avg_cost, kind, …</span>
        <div className="spacer" />
        <label className="btn btn-file">
          Choose file
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void f.text().then(setText);
            }}
          />
        </label>
      </div>
      <textarea
        className="input textarea mono"
        aria-label="CSV text"
        placeholder={'symbol,kind,qty,avg_cost\nETH-USDT,spot,10,3150\nUSDT,cash,250000,'}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={4}
      />
      <div className="row-end">
        {msg && <div className={msg.ok ? 'form-ok' : 'form-error'} role={msg.ok ? 'status' : 'alert'}>{msg.text}</div>}
        <div className="spacer" />
        <button className="btn btn-primary" disabled={busy || text.trim() === ''} onClick={() => void run()}>Import</button>
      </div>
    </section>
  );
}
