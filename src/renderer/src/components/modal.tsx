import { useEffect, useId, useRef, type ReactNode } from 'react';

const FOCUSABLE = 'input:not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), [tabindex="0"]';

/**
 * A modal dialog: role="dialog", aria-modal, labelled by its title. Focus moves into it (the first
 * field, or `[data-autofocus]`), Tab cycles inside it, Escape closes it, and focus returns to where
 * it was. It does not close on a backdrop click: a half-typed confirmation should not vanish.
 */
export function Modal({ title, onClose, children, className, testId }: { title: ReactNode; onClose: () => void; children: ReactNode; className?: string; testId?: string }) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const prev = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = box.current;
    const first = el?.querySelector<HTMLElement>('[data-autofocus]') ?? el?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => prev?.focus();
  }, []);

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="modal-backdrop">
      <div ref={box} className={`modal${className ? ` ${className}` : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown} data-testid={testId}>
        <div className="modal-head">
          <h2 id={titleId}>{title}</h2>
          <div className="spacer" />
          <button type="button" className="btn btn-icon" aria-label="Close dialog" title="Close (Esc)" onClick={onClose}>
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

/** A labelled form field with a hint below it; the hint is the input's description, not part of its name. */
export function Field({ label, hint, bad = false, children }: { label: ReactNode; hint?: ReactNode; bad?: boolean; children: (a: { id: string; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children(hint ? { id, 'aria-describedby': hintId } : { id })}
      {hint && (
        <span id={hintId} className={bad ? 'field-hint bad' : 'field-hint'}>
          {hint}
        </span>
      )}
    </div>
  );
}
