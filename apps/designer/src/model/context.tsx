/** The designer store for the components under the editor. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';

import type { DesignerState, DesignerStore } from './store';

export const DesignerContext = createContext<DesignerStore | null>(null);

export function useDesigner(): DesignerStore {
  const designer = useContext(DesignerContext);
  if (!designer) throw new Error('useDesigner outside the editor');
  return designer;
}

export function useDesignerState<T>(select: (state: DesignerState) => T): T {
  return useStore(useDesigner().store, select);
}
