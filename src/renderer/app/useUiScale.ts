// Applies the UI scale setting to the page: a zoom on the root element, `auto` following the window's width.
import { useEffect, useState } from 'react';
import { autoScale, useWorkspace } from '../state/workspaceStore';

/** The zoom factor in effect: the setting, or what `auto` picks for the current window. */
export function useUiScale(): number {
  const setting = useWorkspace((s) => s.uiScale);
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const scale = setting === 'auto' ? autoScale(width) : setting;
  useEffect(() => {
    const root = document.documentElement;
    root.style.setProperty('--ui-scale', String(scale));
    root.dataset.uiScale = String(scale);
  }, [scale]);
  return scale;
}
