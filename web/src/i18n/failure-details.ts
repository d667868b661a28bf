import { CLOSE_REASONS } from '../../../shared/protocol/bridge-protocol';
import { BRIDGE_LOST_REASON } from '../bridge-client/bridge-client';
import {
  EXPORTED_IN_FLIGHT_REASON,
  NOT_SENT_REASON,
  UNLOADED_IN_FLIGHT_REASON,
} from '../stores/failure-sentences';

const FIXED_ZH: ReadonlyMap<string, string> = new Map([
  [CLOSE_REASONS.fin, '服务器关闭了连接（FIN）'],
  [CLOSE_REASONS.reset, '服务器重置了连接'],
  [CLOSE_REASONS.requested, '页面关闭了连接'],
  [BRIDGE_LOST_REASON, '与网桥的连接断开了'],
  [NOT_SENT_REASON, '网桥没有连接'],
  [UNLOADED_IN_FLIGHT_REASON, '这个调用在途时页面被重新加载或关闭；即使回复到了，也没有被看到'],
  [EXPORTED_IN_FLIGHT_REASON, '导出会话时它还在途：即使回复到了，也不在文件里'],
]);

const TIMEOUT = /^no answer within (\d+(?:\.\d+)?) s$/;

/**
 * A failure's detail in Chinese when it is one of the page's or the bridge's
 * own sentences; null for the rest (a socket's or a parser's words, limits
 * naming flags), which the page quotes as they came.
 */
export function failureDetailZh(detail: string): string | null {
  const fixed = FIXED_ZH.get(detail);
  if (fixed !== undefined) return fixed;
  // failure-sentences.ts timeoutReason
  const seconds = TIMEOUT.exec(detail)?.[1];
  return seconds === undefined ? null : `${seconds} 秒内没有回复`;
}
