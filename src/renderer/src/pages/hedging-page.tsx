import { PendingPage } from './pending-page';

export function HedgingPage() {
  return <PendingPage page="hedging" />;
}
