// The command palette: Ctrl+K / Cmd+K (or F1) from anywhere, `?` outside a text field for the list of
// shortcuts. Fuzzy filter over every page and action; arrows + Enter, Esc closes. Emergency actions
// open the same typed-confirmation dialogs as the Controls page: the palette never skips a confirmation.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { call } from '../api';
import { PAGES, useApp } from '../store';
import { applyTheme } from '../pages/settings-page';
import { errText } from './controls-ui';
import { openTicket } from './order-ticket';

interface Command {
  id: string;
  label: string;
  group: 'Go to' | 'Action' | 'Emergency' | 'Trade';
  /** Shown as a key hint; also the shortcut list. */
  shortcut?: string;
  /** Extra words the filter matches (not shown). */
  keywords?: string;
  run: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

/**
 * Subsequence match, case-insensitive: every query character must appear in order. Score rewards
 * contiguous runs and matches at word starts, so "stre" ranks "Stress" above a scattered match.
 * Returns -1 when the query does not match.
 */
export function fuzzyScore(query: string, text: string): number {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q.length === 0) return 0;
  const t = text.toLowerCase();
  let score = 0;
  let ti = 0;
  let run = 0;
  for (const ch of q) {
    const at = t.indexOf(ch, ti);
    if (at < 0) return -1;
    run = at === ti ? run + 1 : 1;
    const wordStart = at === 0 || /[\s:>·/-]/.test(t[at - 1]);
    score += run * 2 + (wordStart ? 3 : 0) - Math.min(at - ti, 5) * 0.1;
    ti = at + 1;
  }
  return score;
}

/** Keywords match only as word prefixes ("ack" → "ack", not a scattered subsequence): they widen recall without noise. */
function keywordScore(query: string, keywords: string | undefined): number {
  const q = query.trim().toLowerCase();
  if (!keywords || q.length < 2) return -1;
  return keywords.split(/\s+/).some((w) => w.startsWith(q)) ? 2 : -1;
}

function notify(message: string, level: 'info' | 'warning' = 'info'): void {
  useApp.getState().pushNotice({ id: `palette-${Date.now()}`, level, message, mitigation: '' });
}

function buildCommands(symbols: readonly string[]): Command[] {
  const app = useApp.getState();
  const pages: Command[] = PAGES.map((p) => ({ id: `page-${p.id}`, label: p.label, group: 'Go to', shortcut: `Alt+${p.key}`, keywords: `go to page ${p.id}`, run: () => app.setPage(p.id) }));
  const actions: Command[] = [
    { id: 'new-order', label: 'New order…', group: 'Trade', keywords: 'ticket buy sell trade', run: () => openTicket() },
    ...symbols.map((s): Command => ({ id: `order-${s}`, label: `New order: ${s}`, group: 'Trade', keywords: 'ticket buy sell trade', run: () => openTicket(s) })),
    {
      id: 'refresh-risk',
      label: 'Refresh risk now',
      group: 'Action',
      keywords: 'recompute var snapshot',
      run: () => {
        notify('Recomputing risk…');
        call('risk.snapshot', { refresh: true }).then(
          (r) => {
            if (r) useApp.getState().setRisk(r);
            notify(r ? `Risk recomputed in ${r.computeMs.toFixed(0)} ms` : 'Risk: nothing to compute');
          },
          (e: unknown) => notify(`Risk refresh failed: ${errText(e)}`, 'warning'),
        );
      },
    },
    {
      id: 'ack-all',
      label: 'Acknowledge all alerts',
      group: 'Action',
      keywords: 'alerts ack clear',
      run: () => {
        const open = (useApp.getState().alerts ?? []).filter((a) => !a.acknowledged);
        Promise.all(open.map((a) => call('alerts.ack', { id: a.id }))).then(
          () => notify(`${open.length} alert${open.length === 1 ? '' : 's'} acknowledged`),
          (e: unknown) => notify(`Acknowledge failed: ${errText(e)}`, 'warning'),
        );
      },
    },
    {
      id: 'theme',
      label: 'Toggle theme (dark / light)',
      group: 'Action',
      keywords: 'light dark colours',
      run: () => {
        const next = document.documentElement.dataset.theme === 'light' ? 'dark' : 'light';
        applyTheme(next);
        call('settings.set', { ui: { theme: next } }).catch((e: unknown) => notify(`Theme not saved: ${errText(e)}`, 'warning'));
      },
    },
    { id: 'export', label: 'Export report…', group: 'Action', keywords: 'pdf excel xlsx reports download', run: () => app.setPage('reports') },
    { id: 'halt', label: 'Halt trading…', group: 'Emergency', shortcut: `${MOD}+Shift+H`, keywords: 'stop emergency', run: () => app.openEmergency('halt') },
    { id: 'flatten', label: 'Flatten all positions…', group: 'Emergency', keywords: 'close everything emergency', run: () => app.openEmergency('flatten') },
    { id: 'reduce', label: 'Reduce exposure…', group: 'Emergency', keywords: 'cut shrink emergency', run: () => app.openEmergency('reduce', 0.5) },
    { id: 'cancel', label: 'Cancel all orders…', group: 'Emergency', keywords: 'resting limit emergency', run: () => app.openEmergency('cancel') },
  ];
  return [...pages, ...actions];
}

/** Shortcuts that are not a command of their own (listed by `?`). */
const EXTRA_SHORTCUTS: [string, string][] = [
  [`${MOD}+K  /  F1`, 'Open the command palette'],
  ['?', 'This list of shortcuts (outside text fields)'],
  ['Enter', 'Order ticket: send (when the check allows)'],
  ['Esc', 'Close a dialog · clear the order ticket'],
];

export function CommandPalette() {
  const [mode, setMode] = useState<'closed' | 'commands' | 'help'>('closed');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const positions = useApp((s) => s.positions);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const prevFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent): void => {
      const k = e.key.toLowerCase();
      if (((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && (k === 'k' || e.code === 'KeyK')) || e.key === 'F1') {
        e.preventDefault();
        setMode((m) => (m === 'closed' ? 'commands' : 'closed'));
        setQuery('');
        setActive(0);
        return;
      }
      const el = e.target instanceof HTMLElement ? e.target : null;
      const typing = el !== null && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
      if (e.key === '?' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey && !document.querySelector('[role="dialog"]')) {
        e.preventDefault();
        setMode('help');
        setQuery('');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (mode === 'closed') return undefined;
    prevFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    inputRef.current?.focus();
    return () => prevFocus.current?.focus();
  }, [mode]);

  const symbols = useMemo(() => positions.map((p) => p.symbol).sort(), [positions]);
  const commands = useMemo(() => (mode === 'closed' ? [] : buildCommands(symbols)), [mode, symbols]);
  const shown = useMemo(() => {
    if (!query.trim()) return commands.filter((c) => !c.id.startsWith('order-'));
    return commands
      .map((c) => ({ c, s: Math.max(fuzzyScore(query, `${c.group === 'Go to' ? 'Go to ' : ''}${c.label}`), keywordScore(query, c.keywords)) }))
      .filter((x) => x.s >= 0)
      .sort((a, b) => b.s - a.s)
      .map((x) => x.c);
  }, [commands, query]);

  if (mode === 'closed') return null;
  const close = (): void => setMode('closed');
  const run = (c: Command | undefined): void => {
    if (!c) return;
    close();
    // After the palette has unmounted and handed focus back, so a dialog it opens keeps the focus.
    setTimeout(c.run, 0);
  };
  const sel = Math.min(active, Math.max(0, shown.length - 1));
  const optId = (i: number): string => `${listId}-opt-${i}`;

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = shown.length;
      if (n > 0) setActive((sel + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter' && mode === 'commands') {
      e.preventDefault();
      run(shown[sel]);
    } else if (e.key === 'Tab') {
      e.preventDefault(); // focus stays in the palette: the input drives the list
    }
  };

  return (
    <div className="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={mode === 'help' ? 'Keyboard shortcuts' : 'Command palette'} onKeyDown={onKeyDown} data-testid="command-palette">
        {mode === 'commands' ? (
          <>
            <input
              ref={inputRef}
              className="palette-input"
              role="combobox"
              aria-expanded="true"
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={shown.length > 0 ? optId(sel) : undefined}
              aria-label="Command or page"
              placeholder="Type a command or a page…"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              spellCheck={false}
            />
            <ul id={listId} className="palette-list" role="listbox" aria-label="Commands">
              {shown.map((c, i) => (
                <li
                  key={c.id}
                  id={optId(i)}
                  role="option"
                  aria-selected={i === sel}
                  className={`palette-item${i === sel ? ' active' : ''}${c.group === 'Emergency' ? ' danger' : ''}`}
                  onMouseMove={() => i !== sel && setActive(i)}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    run(c);
                  }}
                >
                  <span className="palette-group">{c.group}</span>
                  <span className="palette-label">{c.label}</span>
                  {c.shortcut && <kbd className="kbd">{c.shortcut}</kbd>}
                </li>
              ))}
              {shown.length === 0 && <li className="palette-empty">No command matches “{query}”.</li>}
            </ul>
            <div className="palette-foot muted">↑↓ move · Enter run · Esc close · ? all shortcuts</div>
          </>
        ) : (
          <ShortcutList inputRef={inputRef} commands={commands} />
        )}
      </div>
    </div>
  );
}

function ShortcutList({ commands, inputRef }: { commands: Command[]; inputRef: React.RefObject<HTMLInputElement | null> }) {
  const rows: [string, string][] = [...EXTRA_SHORTCUTS, ...commands.filter((c) => c.shortcut).map((c): [string, string] => [c.shortcut ?? '', `${c.group === 'Go to' ? 'Go to ' : ''}${c.label}`])];
  return (
    <div className="palette-help">
      {/* A focus target so Esc reaches the dialog's key handler. */}
      <input ref={inputRef} className="sr-only" aria-label="Keyboard shortcuts (Esc closes)" readOnly />
      <h2>Keyboard shortcuts</h2>
      <table className="grid" aria-label="Keyboard shortcuts">
        <tbody>
          {rows.map(([k, what]) => (
            <tr key={`${k}-${what}`}>
              <td>
                <kbd className="kbd">{k}</kbd>
              </td>
              <td className="wide">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="palette-foot muted">Esc close · {MOD}+K commands</div>
    </div>
  );
}
