// Chart colours come from the CSS variables of the active theme, read once per theme change,
// because SVG attributes set by recharts can't follow CSS variables on their own.
import { useMemo } from 'react';
import { useTheme } from '../components/theme';

export interface ChartPalette {
  series: string[];
  other: string;
  grid: string;
  axis: string;
  text: string;
  surface: string;
  accent: string;
  danger: string;
}

export function useChartPalette(): ChartPalette {
  const { resolved } = useTheme();
  return useMemo(() => {
    const style = getComputedStyle(document.documentElement);
    const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    return {
      series: [1, 2, 3, 4, 5, 6].map((i) => read(`--series-${i}`, '#0d9488')),
      other: read('--series-other', '#94a3b8'),
      grid: read('--chart-grid', '#e5e7eb'),
      axis: read('--chart-axis', '#6b7280'),
      text: read('--text', '#111827'),
      surface: read('--surface', '#ffffff'),
      accent: read('--accent', '#0d9488'),
      danger: read('--danger', '#dc2626'),
    };
    // The palette depends on which theme's variables are live.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resolved]);
}

export function colorFor(palette: ChartPalette, key: string, index: number): string {
  return key === 'Other' ? palette.other : palette.series[index % palette.series.length];
}
