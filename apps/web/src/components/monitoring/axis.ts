/** The top of a chart's axis: the highest value, at least `least`, whole from 1 up. */
export function axisTop(max: number, least: number) {
  const top = Number.isFinite(max) ? Math.max(max, least) : least;
  return top >= 1 ? Math.ceil(top) : top;
}
