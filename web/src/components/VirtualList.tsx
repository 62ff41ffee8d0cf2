/**
 * A long list (a mission's funders, pledges) that renders only the rows in view (@tanstack/react-virtual), so a
 * mission with thousands of participants opens as fast as one with ten. A focusable, labelled scroll region.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef, type ReactNode } from "react";

export function VirtualList<T>(props: {
  label: string;
  items: readonly T[];
  rowKey: (item: T) => string;
  row: (item: T, index: number) => ReactNode;
  rowHeight?: number;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const rowHeight = props.rowHeight ?? 36;
  const virtualizer = useVirtualizer({
    count: props.items.length,
    getScrollElement: () => parent.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialRect: { width: 320, height: 288 },
  });
  return (
    <div ref={parent} className="virtual" role="region" aria-label={props.label} tabIndex={0}>
      <ul style={{ height: virtualizer.getTotalSize() }} aria-label={props.label}>
        {virtualizer.getVirtualItems().map((v) => {
          const item = props.items[v.index];
          if (item === undefined) return null;
          return (
            <li
              key={props.rowKey(item)}
              aria-setsize={props.items.length}
              aria-posinset={v.index + 1}
              style={{ transform: `translateY(${v.start}px)`, height: rowHeight }}
            >
              {props.row(item, v.index)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
