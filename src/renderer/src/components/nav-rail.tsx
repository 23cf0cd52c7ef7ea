import { PAGES, useApp } from '../store';
import { PageIcon } from './icons';

export function NavRail() {
  const page = useApp((s) => s.page);
  const setPage = useApp((s) => s.setPage);
  return (
    <nav className="nav" aria-label="Main navigation">
      <ul role="list">
        {PAGES.map((p) => (
          <li key={p.id}>
            <a
              href={`#/${p.id}`}
              className={p.id === page ? 'nav-item active' : 'nav-item'}
              aria-current={p.id === page ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                setPage(p.id);
              }}
              title={`${p.label} (Alt+${p.key})`}
            >
              <PageIcon page={p.id} />
              <span className="nav-label">{p.label}</span>
              <kbd className="nav-key">{p.key}</kbd>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
