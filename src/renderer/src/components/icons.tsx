import type { PageId } from '../store';

// Compact line icons (16 px grid) so the navigation reads at a glance without a font dependency.
const paths: Record<PageId, string> = {
  overview: 'M2 13h3V8H2zm4.5 0h3V3h-3zM11 13h3V6h-3z',
  positions: 'M2 3h12M2 6.5h12M2 10h12M2 13.5h8',
  risk: 'M8 1.5 14 4v4c0 3.5-2.6 5.8-6 6.5C4.6 13.8 2 11.5 2 8V4z',
  stress: 'M1.5 11 5 6.5l3 3 3.5-6 3 4.5',
  greeks: 'M3 13c3 0 3-10 6-10 2 0 2 5 4 5',
  controls: 'M4 2v12M12 2v12M8 2v12M2.5 5h3M6.5 10h3M10.5 7h3',
  hedging: 'M8 1.5v13M3 5.5c0 3 2.2 5 5 5s5-2 5-5',
  alerts: 'M8 2a4 4 0 0 1 4 4v3l1.5 2.5h-11L4 9V6a4 4 0 0 1 4-4zM6.5 13.5a1.6 1.6 0 0 0 3 0',
  history: 'M8 3.5V8l3 2M2.5 8a5.5 5.5 0 1 0 1.6-3.9M2 2.5v2.6h2.6',
  events: 'M3 2.5h10v11H3zM5.5 5.5h5M5.5 8h5M5.5 10.5h3',
  reports: 'M4 1.5h5.5L12 4v10.5H4zM9.5 1.5V4H12M6 8h4M6 10.5h4',
  settings: 'M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4',
};

export function PageIcon({ page }: { page: PageId }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" strokeLinecap="round">
      <path d={paths[page]} />
    </svg>
  );
}
