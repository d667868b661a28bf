import type { Language } from '../../stores/settings-store';

/**
 * The Wire view's words in each language. The region's accessible name stays
 * "Wire" in both, as the issue's contract names it.
 */
const EN = {
  wire: 'Wire',
  direction: 'Direction',
  all: 'Both directions',
  sent: 'Sent',
  received: 'Received',
  selectedCallOnly: 'Selected call only',
  bytes: 'Wire bytes',
  empty: 'Connect and send a request: every byte the bridge writes and reads shows here.',
  chunkCount: (chunks: number, size: string) => `${chunks} chunks, ${size}`,
  dropped: (chunks: number, size: string) =>
    `${chunks} older chunks (${size}) dropped to bound memory.`,
  sentArrow: '→ sent',
  receivedArrow: '← received',
  conn: (conn: number) => `conn ${conn}`,
  write: (write: number) => `write ${write}`,
  chunk: (seq: number) => `chunk #${seq}`,
  fromFirst: 'since the first chunk',
  fromPrevious: 'after the previous chunk',
  notWrittenYet: 'not written yet',
  truncated: (shown: string, total: string, hidden: string, from: string) =>
    `Showing ${shown} of ${total}: ${hidden} from offset ${from} not shown.`,
  showMore: 'Show more',
  request: 'Request',
  reply: 'Reply',
  stray: 'Stray bytes',
  messageName: (kind: string, call: string | null, start: number, end: number) =>
    `${kind}${call === null ? '' : `, ${call}`}, bytes ${start}–${end}`,
  reassembled: 'Reassembled',
  reassembledHint: 'Select bytes in the dump, or a call, to see its messages whole.',
  parts: (size: string, parts: number) => `${size} in ${parts} ${parts === 1 ? 'part' : 'parts'}`,
  part: (n: number, chunk: number, offset: string, size: string) =>
    `Part ${n}: ${chunk === -1 ? 'a dropped chunk' : `chunk #${chunk}`} at offset ${offset} in it, ${size}`,
  missing: (size: string) => `${size} of it were in chunks already dropped.`,
  textCut: (shown: string, total: string) => `Text cut at ${shown} of ${total}.`,
};

export type WireTexts = typeof EN;

const ZH: WireTexts = {
  wire: 'Wire',
  direction: '方向',
  all: '双向',
  sent: '发送',
  received: '接收',
  selectedCallOnly: '只看选中的调用',
  bytes: '线上字节',
  empty: '连接并发送请求：网桥写出和读到的每个字节都显示在这里。',
  chunkCount: (chunks, size) => `${chunks} 个数据块，${size}`,
  dropped: (chunks, size) => `为限制内存，已丢弃较早的 ${chunks} 个数据块（${size}）。`,
  sentArrow: '→ 发送',
  receivedArrow: '← 接收',
  conn: (conn) => `连接 ${conn}`,
  write: (write) => `写入 ${write}`,
  chunk: (seq) => `数据块 #${seq}`,
  fromFirst: '自第一个数据块起',
  fromPrevious: '距上一个数据块',
  notWrittenYet: '尚未写出',
  truncated: (shown, total, hidden, from) =>
    `显示 ${total} 中的 ${shown}：自偏移 ${from} 起的 ${hidden} 未显示。`,
  showMore: '显示更多',
  request: '请求',
  reply: '回复',
  stray: '无主字节',
  messageName: (kind, call, start, end) =>
    `${kind}${call === null ? '' : `（${call}）`}，字节 ${start}–${end}`,
  reassembled: '重组',
  reassembledHint: '在字节中选一条消息，或选一个调用，即可看到完整的消息。',
  parts: (size, parts) => `${size}，共 ${parts} 段`,
  part: (n, chunk, offset, size) =>
    `第 ${n} 段：${chunk === -1 ? '已丢弃的数据块' : `数据块 #${chunk}`}，块内偏移 ${offset}，${size}`,
  missing: (size) => `其中 ${size} 所在的数据块已被丢弃。`,
  textCut: (shown, total) => `文本在 ${total} 中的 ${shown} 处截断。`,
};

export const WIRE_TEXTS: Record<Language, WireTexts> = { en: EN, zh: ZH };
