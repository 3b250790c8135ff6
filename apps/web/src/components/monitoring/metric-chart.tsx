'use client';
/** One live line chart of the monitoring panel. */
import { Card, Heading, Text } from '@radix-ui/themes';
import type { MetricsPoint } from '@tessera/runtime-core/monitoring';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { axisTop } from './axis';

export interface Series {
  key: keyof MetricsPoint;
  name: string;
  color: string;
}

const time = (at: string) => new Date(at).toLocaleTimeString();

export function MetricChart({
  title,
  points,
  series,
  unit,
  format = (v) => String(v),
  least = 1,
}: {
  title: string;
  points: MetricsPoint[];
  series: Series[];
  unit: string;
  format?: (value: number) => string;
  /** The axis reaches at least this high, so a quiet chart keeps a sensible scale. */
  least?: number;
}) {
  const last = points.at(-1);
  const current = last?.[series[0]!.key];
  return (
    <Card role="figure" aria-label={title}>
      <Heading size="3" mb="1">
        {title}
      </Heading>
      <Text as="p" size="5" weight="bold" mb="2" data-testid={`current-${series[0]!.key}`}>
        {typeof current === 'number' ? `${format(current)} ${unit}` : '—'}
      </Text>
      <div style={{ width: '100%', height: 180 }}>
        <ResponsiveContainer>
          <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--gray-a5)" />
            <XAxis dataKey="at" tickFormatter={time} fontSize={11} minTickGap={40} />
            <YAxis
              fontSize={11}
              allowDecimals
              tickFormatter={(v: number) => format(v)}
              domain={[0, (max: number) => axisTop(max, least)]}
            />
            <Tooltip
              labelFormatter={(at) => (typeof at === 'string' ? time(at) : '')}
              formatter={(v) => (typeof v === 'number' ? `${format(v)} ${unit}` : '—')}
            />
            {series.length > 1 ? <Legend /> : null}
            {series.map((s) => (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.name}
                stroke={s.color}
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </Card>
  );
}
