import { PendingPage } from './pending-page';

export function StressPage() {
  return <PendingPage page="stress" />;
}
