import type { NotAsked, TargetReason } from '../stores/connection-store';
import { originalZh } from './original';

/** In English a reason from the bridge is the sentence that came with it; the page words its own. */
export function targetReasonEn(reason: TargetReason): string {
  switch (reason.kind) {
    case 'connected':
      return `${reason.remote.host}:${reason.remote.port}, from local port ${reason.localPort}`;
    case 'not-asked':
      return notAskedEn(reason.why);
    default:
      return reason.text;
  }
}

function notAskedEn(why: NotAsked): string {
  switch (why.code) {
    case 'empty':
      return 'Type a target such as 127.0.0.1:9000.';
    case 'not-host-port':
      return `"${why.typed}" is not host:port (for example 127.0.0.1:9000).`;
    case 'port-range':
      return `Port ${why.port} is out of range: use 1 to 65535.`;
    case 'needs-gob-framing':
      return 'Go\'s gob codec travels in its own framing: choose "gob" or "HTTP CONNECT, then gob".';
    case 'needs-gob-dialect':
      return 'The gob framings carry only Go\'s gob codec: choose the dialect "Go net/rpc gob".';
    case 'connect-path':
      return `The CONNECT ${why.problem}.`;
    case 'no-bridge':
      return 'The bridge is not connected yet.';
  }
}

function notAskedZh(why: NotAsked): string {
  switch (why.code) {
    case 'empty':
      return '请输入目标，例如 127.0.0.1:9000。';
    case 'not-host-port':
      return `"${why.typed}" 不是 主机:端口 的形式（例如 127.0.0.1:9000）。`;
    case 'port-range':
      return `端口 ${why.port} 超出范围：请用 1 到 65535。`;
    case 'needs-gob-framing':
      return 'Go 的 gob 编码用它自己的分帧：请选“gob”或“HTTP CONNECT，然后 gob”。';
    case 'needs-gob-dialect':
      return 'gob 分帧只承载 Go 的 gob 编码：请选方言“Go net/rpc gob”。';
    case 'connect-path':
      return `CONNECT 的路径不能用（英文原文）：${why.problem}。`;
    case 'no-bridge':
      return '网桥还没有连上。';
  }
}

/**
 * In Chinese the page words what it knows the meaning of: its own reasons, the
 * common refusals by their error code, and how a connection closed. Anything
 * else (a limit's sentence names its flag and figures, a server's answer to a
 * handshake) is quoted as it came, marked as the original.
 */
export function targetReasonZh(reason: TargetReason): string {
  switch (reason.kind) {
    case 'connected':
      return `${reason.remote.host}:${reason.remote.port}，本地端口 ${reason.localPort}`;
    case 'not-asked':
      return notAskedZh(reason.why);
    case 'error':
      return errorZh(reason) ?? originalZh(reason.text);
    case 'closed':
      return closedZh(reason) ?? originalZh(reason.text);
    case 'text':
      return originalZh(reason.text);
  }
}

function errorZh({ code, target }: Extract<TargetReason, { kind: 'error' }>): string | null {
  if (target === '') return null;
  switch (code) {
    case 'connect-refused':
      return `${target} 上没有程序在监听（连接被拒绝）`;
    case 'connect-timeout':
      return `${target} 在连接超时之内没有应答`;
    case 'unreachable':
      return `${target} 不可达`;
    case 'dns-failed':
      return `无法解析 ${target} 的主机名`;
    case 'target-not-allowed':
      return `${target} 不在网桥允许的目标之内；如需连接它，请用 --allow ${target} 启动网桥`;
    default:
      return null;
  }
}

function closedZh({ closeKind, by }: Extract<TargetReason, { kind: 'closed' }>): string | null {
  if (closeKind === 'fin' && by === 'server') return '服务器关闭了连接（FIN）';
  if (closeKind === 'reset' && by === 'server') return '服务器重置了连接';
  if (closeKind === 'requested' && by === 'page') return '页面关闭了连接';
  return null;
}
