import { PendingPage } from './pending-page';

export function ReportsPage() {
  return <PendingPage page="reports" />;
}
