import { Menu, MenuItem, MenuList, MenuPopover, type PositioningVirtualElement } from '@fluentui/react-components';
import { useCallback, useMemo, useRef, useState, type ReactElement } from 'react';

/** Where a context menu opens: the pointer, or the row the keyboard is on. */
export interface MenuAnchor {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An element's box, to open a menu at it. */
export function rectOf(element: Element): MenuAnchor {
  const r = element.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

/** One command of a context menu. */
export interface ContextMenuCommand {
  key: string;
  icon: ReactElement;
  label: string;
  disabled: boolean;
  run: () => void;
}

/** Props of a context menu. */
export interface ContextMenuProps {
  /** Where the menu is open; null when it is closed. */
  anchor: MenuAnchor | null;
  /** The menu's accessible name. */
  label: string;
  commands: readonly ContextMenuCommand[];
  onClose: () => void;
}

/** A context menu (right-click, Shift+F10, the context-menu key) at an anchor; a command closes the menu, then runs. */
export function ContextMenu({ anchor, label, commands, onClose }: ContextMenuProps) {
  const target = useMemo<PositioningVirtualElement | undefined>(
    () => (anchor ? { getBoundingClientRect: () => new DOMRect(anchor.x, anchor.y, anchor.width, anchor.height) } : undefined),
    [anchor],
  );
  return (
    <Menu open={anchor !== null} onOpenChange={(_e, data) => !data.open && onClose()} positioning={{ target, position: 'below', align: 'start' }}>
      <MenuPopover>
        <MenuList aria-label={label}>
          {commands.map((command) => (
            <MenuItem
              key={command.key}
              icon={command.icon}
              disabled={command.disabled}
              onClick={() => {
                onClose();
                command.run();
              }}
            >
              {command.label}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/**
 * Where a list's context menu is open, if it is: `open` keeps the element that had focus (the grid),
 * `close` gives focus back to it.
 */
export function useContextMenuAnchor() {
  const [anchor, setAnchor] = useState<MenuAnchor | null>(null);
  const focusBeforeMenu = useRef<HTMLElement | null>(null);
  const open = useCallback((at: MenuAnchor) => {
    focusBeforeMenu.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setAnchor(at);
  }, []);
  const close = useCallback(() => {
    setAnchor(null);
    focusBeforeMenu.current?.focus({ preventScroll: true });
  }, []);
  return { anchor, open, close };
}
