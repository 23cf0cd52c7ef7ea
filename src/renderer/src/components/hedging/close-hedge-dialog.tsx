// Closing one active hedge by hand: a reducing order (it passes in every trading state), with a reason
// that is journaled with the user name.
import type { ActiveHedge } from '../../../../shared/contract/index';
import { call } from '../../api';
import { fmtMoney, fmtQty } from '../../format';
import { ReasonDialog } from './reason-dialog';

export function CloseHedgeDialog({ h, onClose, onDone }: { h: ActiveHedge; onClose: () => void; onDone: (r: ActiveHedge) => void }) {
  return (
    <ReasonDialog
      title={`Close hedge ${h.symbol}`}
      testId="hedge-close-dialog"
      intro={
        <p className="muted">
          Sends a market order for {fmtQty(-h.qty)} {h.symbol}. The book loses this leg&apos;s protection of {fmtMoney(h.protection, { compact: true })} at the tail shock.
        </p>
      }
      placeholder="Why close it? (journaled)"
      submitLabel="Close hedge"
      busyLabel="Closing…"
      run={async (reason) => onDone(await call('hedging.close', { id: h.id, reason }))}
      onClose={onClose}
    />
  );
}
