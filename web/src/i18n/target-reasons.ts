import type { TargetReason } from '../stores/connection-store';

/** In English every reason is the sentence that came with it; the page words only the connected one. */
export function targetReasonEn(reason: TargetReason): string {
  if (reason.kind === 'connected') {
    return `${reason.remote.host}:${reason.remote.port}, from local port ${reason.localPort}`;
  }
  return reason.text;
}

/**
 * In Chinese the page words what it knows the meaning of: the common refusals
 * by their error code, and how a connection closed. Anything else (a limit's
 * sentence names its flag and figures) is quoted as the bridge sent it.
 */
export function targetReasonZh(reason: TargetReason): string {
  switch (reason.kind) {
    case 'connected':
      return `${reason.remote.host}:${reason.remote.port},本地端口 ${reason.localPort}`;
    case 'error':
      return errorZh(reason) ?? reason.text;
    case 'closed':
      return closedZh(reason) ?? reason.text;
    case 'text':
      return reason.text;
  }
}

function errorZh({ code, target }: Extract<TargetReason, { kind: 'error' }>): string | null {
  if (target === '') return null;
  switch (code) {
    case 'connect-refused':
      return `${target} 上没有程序在监听(连接被拒绝)`;
    case 'connect-timeout':
      return `${target} 在连接超时之内没有应答`;
    case 'unreachable':
      return `${target} 不可达`;
    case 'dns-failed':
      return `无法解析 ${target} 的主机名`;
    case 'target-not-allowed':
      return `${target} 不在网桥允许的目标之内;如需连接它,请用 --allow ${target} 启动网桥`;
    default:
      return null;
  }
}

function closedZh({ closeKind, by }: Extract<TargetReason, { kind: 'closed' }>): string | null {
  if (closeKind === 'fin' && by === 'server') return '服务器关闭了连接(FIN)';
  if (closeKind === 'reset' && by === 'server') return '服务器重置了连接';
  if (closeKind === 'requested' && by === 'page') return '页面关闭了连接';
  return null;
}
