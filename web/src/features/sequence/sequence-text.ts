import type { Language } from '../../stores/settings-store';
import type { Arrow, LifelineId } from './sequence-layout';

/** Every word the sequence diagram shows, in English and Chinese. */
export type SequenceText = {
  title: string;
  lifeline: Record<LifelineId, string>;
  direction: Record<Arrow['direction'], string>;
  zoomIn: string;
  zoomOut: string;
  fit: string;
  empty: string;
  /** The legend of a glass-box server's bars, shown while one is in view; `inferred` likewise. */
  observed: string;
  inferred: string;
  /** Shown while arrows are too dense to draw one by one. */
  dense: string;
  /** "3 answers overtook earlier calls". */
  overtakeSummary(count: number): string;
  /** What a break in the time axis stands for: "6.0 s idle", "page reloaded · 2 h 5 min idle". */
  idle(ms: number, reload: boolean): string;
  /** The accessible name of one arrow. */
  arrowName(args: {
    method: string;
    id: string;
    arrow: Arrow;
    overtaken: number;
    ms: number;
  }): string;
};

const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(0));

type Units = { ms: string; s: string; min: string; h: string };

/** A long stretch in the largest two units that matter: 350 ms, 6.0 s, 3 min 20 s, 2 h 5 min. */
function span(value: number, u: Units): string {
  if (value < 1_000) return `${Math.round(value)} ${u.ms}`;
  if (value < 60_000) return `${(value / 1_000).toFixed(1)} ${u.s}`;
  const seconds = Math.round(value / 1_000);
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} ${u.min} ${seconds % 60} ${u.s}`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} ${u.h} ${minutes % 60} ${u.min}`;
}

const EN_UNITS: Units = { ms: 'ms', s: 's', min: 'min', h: 'h' };
const ZH_UNITS: Units = { ms: '毫秒', s: '秒', min: '分', h: '小时' };

export const SEQUENCE_TEXT: Record<Language, SequenceText> = {
  en: {
    title: 'Sequence',
    lifeline: {
      page: 'Page',
      bridge: 'Bridge',
      server: 'Server',
      stub: 'Server stub',
      service: 'Service',
    },
    direction: { request: 'request', reply: 'reply' },
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fit: 'Fit all',
    empty: 'Send a call to see its messages here.',
    observed: 'solid bar: time inside the service, as the demo server reported it',
    inferred: 'dashed: time inside a server not observed, only last byte written → first byte back',
    dense:
      'Too many messages to draw one by one: shaded by how many pass (blue requests, green answers), the grey bar as wide as the calls inside the server. Zoom in, or select a call, to see its arrows.',
    overtakeSummary: (count) =>
      count === 0
        ? 'Answers in order'
        : `${count} ${count === 1 ? 'answer' : 'answers'} overtook earlier calls`,
    idle: (value, reload) => `${reload ? 'page reloaded · ' : ''}${span(value, EN_UNITS)} idle`,
    arrowName: ({ method, id, arrow, overtaken, ms: took }) =>
      [
        `${method} id ${id} ${arrow.direction}`,
        `${SEQUENCE_TEXT.en.lifeline[arrow.from]} → ${SEQUENCE_TEXT.en.lifeline[arrow.to]}`,
        `${ms(took)} ms`,
        ...(overtaken > 0
          ? [`overtook ${overtaken} earlier ${overtaken === 1 ? 'call' : 'calls'}`]
          : []),
      ].join(', '),
  },
  zh: {
    title: '时序图',
    lifeline: {
      page: '页面',
      bridge: '桥接器',
      server: '服务器',
      stub: '服务器存根',
      service: '服务',
    },
    direction: { request: '请求', reply: '回复' },
    zoomIn: '放大',
    zoomOut: '缩小',
    fit: '全部显示',
    empty: '发送一个调用，它的消息会显示在这里。',
    observed: '实线条：服务内部的时间，由演示服务器报告',
    inferred: '虚线：服务器内部的时间未被观测，只知道最后一个字节写出 → 第一个字节返回',
    dense:
      '消息太多，无法逐条画出：颜色越深经过的消息越多（蓝色为请求，绿色为回复），灰条的宽度表示服务器内的调用数。放大或选中一个调用可以看到它的箭头。',
    overtakeSummary: (count) =>
      count === 0 ? '回复按顺序到达' : `${count} 个回复超过了更早发出的调用`,
    idle: (value, reload) => `${reload ? '页面重新加载 · ' : ''}空闲 ${span(value, ZH_UNITS)}`,
    arrowName: ({ method, id, arrow, overtaken, ms: took }) =>
      [
        `${method} id ${id} ${SEQUENCE_TEXT.zh.direction[arrow.direction]}`,
        `${SEQUENCE_TEXT.zh.lifeline[arrow.from]} → ${SEQUENCE_TEXT.zh.lifeline[arrow.to]}`,
        `${ms(took)} 毫秒`,
        ...(overtaken > 0 ? [`超过了 ${overtaken} 个更早的调用`] : []),
      ].join('，'),
  },
};
