// One tooltip look for every chart.
import type { ReactNode } from 'react';

export interface TooltipRow {
  name: string;
  value: ReactNode;
  color?: string;
}

export function ChartTooltipBox({ title, rows, footer }: { title: string; rows: TooltipRow[]; footer?: ReactNode }) {
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{title}</div>
      {rows.map((row) => (
        <div className="chart-tooltip-row" key={row.name}>
          {row.color ? <span className="swatch" style={{ background: row.color }} /> : null}
          <span className="chart-tooltip-name">{row.name}</span>
          <span className="chart-tooltip-value num">{row.value}</span>
        </div>
      ))}
      {footer ? <div className="chart-tooltip-footer">{footer}</div> : null}
    </div>
  );
}
