/// <reference lib="webworker" />
/** Runs ELK off the main thread, so laying out hundreds of entities never freezes the canvas. */
import ELK from 'elkjs/lib/elk.bundled.js';

import { elkGraph, type LayoutInput, positionsOf } from './elk-graph';

const elk = new ELK();

self.onmessage = async (event: MessageEvent<{ id: number; input: LayoutInput }>) => {
  const { id, input } = event.data;
  try {
    const laid = await elk.layout(elkGraph(input));
    self.postMessage({ id, positions: positionsOf(laid) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
