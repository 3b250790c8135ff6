/**
 * Crow's-foot markers for relation ends: `many` (the foot), `one` (two bars: exactly one) and
 * `zero-or-one` (a ring and a bar). Defined once per canvas and referenced by id.
 */
import type { End } from './to-graph';

export const markerId = (end: End) => `tessera-end-${end}`;

export function CrowsFootMarkers() {
  const common = {
    viewBox: '0 0 24 20',
    markerWidth: 24,
    markerHeight: 20,
    refX: 23,
    refY: 10,
    orient: 'auto-start-reverse',
    markerUnits: 'userSpaceOnUse',
  } as const;
  const stroke = { fill: 'none', stroke: '#475569', strokeWidth: 1.5 } as const;
  return (
    <svg style={{ position: 'absolute', width: 0, height: 0 }} aria-hidden>
      <defs>
        <marker id={markerId('many')} {...common}>
          <path d="M4 10 L23 1 M4 10 L23 19 M4 10 L23 10 M4 3 L4 17" {...stroke} />
        </marker>
        <marker id={markerId('one')} {...common}>
          <path d="M12 3 L12 17 M17 3 L17 17 M0 10 L23 10" {...stroke} />
        </marker>
        <marker id={markerId('zero-or-one')} {...common}>
          <circle cx="7" cy="10" r="4.5" {...stroke} fill="#fff" />
          <path d="M17 3 L17 17 M11.5 10 L23 10" {...stroke} />
        </marker>
      </defs>
    </svg>
  );
}
