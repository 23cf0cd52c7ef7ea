import { PendingPage } from './pending-page';

export function RiskPage() {
  return <PendingPage page="risk" />;
}
