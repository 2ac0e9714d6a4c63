// Palette commands for the docking workspace: maximize, float and pop out the focused panel; the preset layouts;
// save the arrangement under a name and restore any saved one.
import { useMemo, useState } from 'react';
import { useRegisterCommands, type PaletteCommand } from '../../state/commandRegistry';
import { usePrompt } from '../../state/promptStore';
import { useWorkspace } from '../../state/workspaceStore';
import { applyPreset, dockApi, floatPanel, LAYOUT_PRESETS, popOutPanel, restoreNamedLayout, saveLayoutAs, toggleMaximizedPanel } from './dockLayout';
import { namedLayouts } from './savedLayouts';

const focused = () => useWorkspace.getState().focusedPanel;

export function useLayoutCommands(): void {
  const [names, setNames] = useState<string[]>(() => (globalThis.localStorage ? namedLayouts(globalThis.localStorage) : []));
  const commands = useMemo<PaletteCommand[]>(
    () => [
      { id: 'layout.maximize', title: 'Maximize or restore the focused panel', run: () => toggleMaximizedPanel(focused()) },
      { id: 'layout.float', title: 'Float the focused panel over the workspace', run: () => floatPanel(focused()) },
      { id: 'layout.popout', title: 'Pop the focused panel out into its own window', run: () => void popOutPanel(focused()) },
      ...LAYOUT_PRESETS.map((name) => ({ id: `layout.${name}`, title: `Layout: ${name} (default)`, run: () => { const api = dockApi(); if (api) applyPreset(api, name); } })),
      {
        id: 'layout.save',
        title: 'Layout: save as…',
        run: () =>
          usePrompt.getState().ask({
            title: 'Save the layout',
            label: 'Name',
            placeholder: 'e.g. research wide',
            submitLabel: 'Save',
            onSubmit: async (name) => {
              const refused = saveLayoutAs(name);
              if (!refused) setNames(namedLayouts(globalThis.localStorage));
              return refused;
            },
          }),
      },
      ...names.map((name) => ({ id: `layout.restore.${name}`, title: `Layout: restore '${name}'`, run: () => void restoreNamedLayout(name) })),
    ],
    [names],
  );
  useRegisterCommands(commands);
}
