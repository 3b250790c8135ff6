/** Who else has this model open. */
import { useDesignerState } from '../model/context';

export function PresenceBar() {
  const others = useDesignerState((s) => s.others);
  const list = Object.values(others);
  if (!list.length) return <span className="muted">Only you</span>;
  return (
    <span className="presence-bar" aria-label="Also here">
      {list.map((p) => (
        <span key={p.clientId} className="avatar" title={p.name}>
          {p.name}
        </span>
      ))}
    </span>
  );
}
