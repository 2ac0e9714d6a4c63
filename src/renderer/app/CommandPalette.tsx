// The command palette: type to filter, arrows to choose, Enter to run, Esc to close. Destructive commands rank last.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { filterCommands, loadRecentCommands, recordCommandUse, useCommandRegistry } from '../state/commandRegistry';
import { useWorkspace } from '../state/workspaceStore';

export function CommandPalette() {
  const setOpen = useWorkspace((s) => s.setPaletteOpen);
  const commands = useCommandRegistry((s) => s.commands);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const [recent] = useState(loadRecentCommands);
  const matches = useMemo(() => filterCommands(Object.values(commands), query, recent), [commands, query, recent]);
  const previousFocus = useRef<Element | null>(document.activeElement);

  useEffect(() => {
    input.current?.focus();
    const restore = previousFocus.current;
    return () => (restore as HTMLElement | null)?.focus?.();
  }, []);
  useEffect(() => setSelected(0), [query]);

  const close = () => setOpen(false);
  const run = (index: number) => {
    const command = matches[index];
    if (!command) return;
    recordCommandUse(command.id);
    close();
    // After the palette unmounts and focus is restored, so the command's own focus change wins.
    setTimeout(() => command.run(), 0);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
    else if (event.key === 'ArrowDown') setSelected((i) => Math.min(i + 1, matches.length - 1));
    else if (event.key === 'ArrowUp') setSelected((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter') run(selected);
    else return;
    event.preventDefault();
  };

  return (
    <div className="palette-backdrop" onMouseDown={close}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          className="palette-input"
          placeholder="Type a command…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={matches[selected] ? `cmd-${matches[selected].id}` : undefined}
        />
        <ul id="palette-list" role="listbox" className="palette-list">
          {matches.map((command, index) => (
            <li
              key={command.id}
              id={`cmd-${command.id}`}
              role="option"
              aria-selected={index === selected}
              className={`${index === selected ? 'selected' : ''}${command.destructive ? ' destructive' : ''}`}
              data-destructive={command.destructive ? 'true' : undefined}
              onMouseEnter={() => setSelected(index)}
              onClick={() => run(index)}
            >
              <span>{command.title}</span>
              {command.shortcut && <kbd>{command.shortcut}</kbd>}
            </li>
          ))}
          {matches.length === 0 && <li className="muted">No command matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  );
}
