/**
 * Where a network's ads were in one week: the ten police units (boundaries from
 * GET /api/geo/police-units, no tile server) coloured by the number of ads there. ECharts, loaded
 * on its own (React.lazy) so it stays out of the main bundle.
 */
import { MapChart } from 'echarts/charts';
import type { MapSeriesOption } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import type { TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, POLICE_UNITS } from '../api';
import type { MovementWeek } from '../api';
import { useI18n } from '../i18n';
import { ErrorNotice, Loading } from '../ui';

echarts.use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);

type Option = ComposeOption<MapSeriesOption | TooltipComponentOption | VisualMapComponentOption>;

const MAP = 'nl-police-units';
/** Degrees of longitude are this much shorter than degrees of latitude around 52° N. */
const ASPECT = Math.cos((52.2 * Math.PI) / 180);

/** Fetched and registered once per page load; every map after the first reuses it. */
let registered: Promise<void> | null = null;

function registerBoundaries(): Promise<void> {
  registered ??= api.policeUnitsGeo().then(
    (geo) => {
      echarts.registerMap(MAP, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
    },
    (error: unknown) => {
      registered = null;
      throw error;
    },
  );
  return registered;
}

export default function MovementMap({ week, max }: { week: MovementWeek | null; max: number }) {
  const { t, formatNumber } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | { error: unknown }>('loading');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    registerBoundaries().then(
      () => {
        if (live) setState('ready');
      },
      (error: unknown) => {
        if (live) setState({ error });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const option = useMemo((): Option => {
    const counts = new Map(week?.policeUnits.map((u) => [u.code, u.ads]) ?? []);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const item = Array.isArray(params) ? params[0] : params;
          const code = String(item?.name ?? '');
          const unit = POLICE_UNITS.find((u) => u.code === code);
          return `${unit?.name ?? code}: ${t('network.movement.adsCount', {
            count: formatNumber(counts.get(code) ?? 0),
          })}`;
        },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max: Math.max(1, max),
        calculable: false,
        inRange: { color: ['#eef1f4', '#9cc0ea', '#0b4f9c'] },
        text: [formatNumber(Math.max(1, max)), '0'],
        left: 8,
        bottom: 8,
        itemHeight: 90,
        textStyle: { color: '#1b1f24' },
      },
      series: [
        {
          type: 'map',
          map: MAP,
          nameProperty: 'code',
          aspectScale: ASPECT,
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          roam: false,
          selectedMode: false,
          itemStyle: { borderColor: '#4f5b67', borderWidth: 0.8 },
          emphasis: { itemStyle: { areaColor: '#ffd166' }, label: { show: true } },
          label: {
            show: true,
            color: '#1b1f24',
            fontSize: 11,
            fontWeight: 'bold',
            textBorderColor: '#ffffff',
            textBorderWidth: 3,
            formatter: (params: { name: string }) => {
              const count = counts.get(params.name);
              return count ? `${params.name} ${formatNumber(count)}` : '';
            },
          },
          data: POLICE_UNITS.map((u) => ({ name: u.code, value: counts.get(u.code) ?? 0 })),
        },
      ],
    };
  }, [week, max, t, formatNumber]);
  const latest = useRef<Option | null>(null);

  useEffect(() => {
    const el = element.current;
    if (state !== 'ready' || !el) return;
    let instance: echarts.ECharts | null = null;
    const draw = () => {
      // ECharts lays the map out for the size it finds and cannot at 0 × 0 (a hidden or not yet
      // laid out element): wait for the first real size.
      if (el.clientWidth === 0 || el.clientHeight === 0) return;
      try {
        if (instance) {
          instance.resize();
        } else {
          instance = echarts.init(el, undefined, { renderer: 'canvas' });
          chart.current = instance;
          if (latest.current) instance.setOption(latest.current, { notMerge: true });
        }
      } catch (error) {
        setState({ error });
      }
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance?.dispose();
      chart.current = null;
    };
  }, [state]);

  useEffect(() => {
    latest.current = option;
    // A failure here reaches the page's error boundary around the map.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  if (state === 'loading') return <Loading />;
  if (typeof state === 'object')
    return (
      <ErrorNotice
        error={state.error}
        onRetry={() => {
          setState('loading');
          setAttempt((n) => n + 1);
        }}
      />
    );
  const summary =
    week && week.policeUnits.length > 0
      ? week.policeUnits.map((u) => `${u.name} ${formatNumber(u.ads)}`).join(', ')
      : t('network.movement.none');
  return (
    <div
      ref={element}
      className="movement-map"
      role="img"
      aria-label={t('network.movement.mapLabel', { week: week?.week ?? '—', summary })}
      data-testid="movement-map"
    />
  );
}
