import { PendingPage } from './pending-page';

export function GreeksPage() {
  return <PendingPage page="greeks" />;
}
