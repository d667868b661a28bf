import type { HintKind, Severity } from '../features/hints/anomaly-hints';
import type { FailureCause } from '../stores/calls-store';

/** The words of the anomaly hints (features/hints), spread into messages.ts. */

const calls = (n: number) => (n === 1 ? '1 call' : `${n} calls`);
const replies = (n: number) => (n === 1 ? '1 reply' : `${n} replies`);

export const HINT_EN = {
  hints: 'Hints',
  severityName: { error: 'Error', warning: 'Warning', note: 'Note' } satisfies Record<
    Severity,
    string
  >,
  hintText: {
    'server-closed': (n: number) =>
      `${calls(n)} in flight when the server closed the connection: the server went away`,
    reset: (n: number) => `${calls(n)} in flight when the connection was reset`,
    'connection-error': (n: number) => `${calls(n)} failed with a connection error`,
    'bridge-lost': (n: number) => `${calls(n)} in flight when the page lost the bridge`,
    unreadable: (n: number) =>
      `${calls(n)} whose reply came but could not be read: malformed, truncated or too large`,
    undecodable: (n: number) => `${replies(n)} from the server could not be decoded`,
    'framing-error': (n: number) =>
      `${n === 1 ? '1 malformed or truncated frame' : `${n} malformed or truncated frames`} in the byte stream`,
    timeout: (n: number) => `${calls(n)} got no answer within the timeout`,
    'not-sent': (n: number) => `${calls(n)} could not be sent: the bridge was not connected`,
    'unknown-failure': (n: number) => `${calls(n)} failed`,
    'duplicate-id': (n: number) =>
      `${calls(n)} sent with an id already in flight: their replies cannot be told apart`,
    unmatched: (n: number) => `${replies(n)} carried an id no call in flight has`,
    late: (n: number) => `${replies(n)} came after their call had timed out`,
    'notification-answer': (n: number) =>
      `${replies(n)} answered a notification, which must get none`,
    'page-closed': (n: number) => `${calls(n)} in flight when you closed the connection`,
    'page-gone': (n: number) =>
      `${calls(n)} in flight when the page was reloaded or its session exported`,
  } satisfies Record<HintKind, (n: number) => string>,
  hintSeeStrays: 'see Stray replies',
  cause: 'Cause',
  failureCauseName: {
    'server-closed': 'the server closed the connection',
    reset: 'the connection was reset',
    'connection-error': 'a connection error',
    'bridge-lost': 'the page lost the bridge',
    'page-closed': 'you closed the connection',
    'page-gone': 'the page was reloaded, or its session exported',
    unreadable: 'its reply could not be read',
    timeout: 'no answer within the timeout',
    'not-sent': 'not sent: the bridge was not connected',
  } satisfies Record<FailureCause, string>,
  showLatest: 'Show the latest',
};

export const HINT_ZH: typeof HINT_EN = {
  hints: '提示',
  severityName: { error: '错误', warning: '警告', note: '说明' },
  hintText: {
    'server-closed': (n) => `${n} 个调用在途时服务器关闭了连接：服务器离开了`,
    reset: (n) => `${n} 个调用在途时连接被重置`,
    'connection-error': (n) => `${n} 个调用因连接错误而失败`,
    'bridge-lost': (n) => `${n} 个调用在途时页面与网桥断开`,
    unreadable: (n) => `${n} 个调用的回复到了却无法读取：格式错误、被截断或过大`,
    undecodable: (n) => `服务器的 ${n} 条回复无法解码`,
    'framing-error': (n) => `字节流中有 ${n} 个格式错误或被截断的帧`,
    timeout: (n) => `${n} 个调用在超时之前没有得到回复`,
    'not-sent': (n) => `${n} 个调用没能发出：网桥没有连接`,
    'unknown-failure': (n) => `${n} 个调用失败`,
    'duplicate-id': (n) => `${n} 个调用发出时同一个 id 已在途：它们的回复无法区分`,
    unmatched: (n) => `${n} 条回复带着没有在途调用的 id`,
    late: (n) => `${n} 条回复在调用超时之后才到`,
    'notification-answer': (n) => `${n} 条回复回答了通知，而通知不应得到回复`,
    'page-closed': (n) => `${n} 个调用在途时你关闭了连接`,
    'page-gone': (n) => `${n} 个调用在途时页面被重新加载或会话被导出`,
  },
  hintSeeStrays: '见“无主回复”',
  cause: '原因',
  failureCauseName: {
    'server-closed': '服务器关闭了连接',
    reset: '连接被重置',
    'connection-error': '连接出错',
    'bridge-lost': '页面与网桥断开',
    'page-closed': '你关闭了连接',
    'page-gone': '页面被重新加载，或会话被导出',
    unreadable: '它的回复无法读取',
    timeout: '在超时之前没有回复',
    'not-sent': '没有发出：网桥没有连接',
  },
  showLatest: '显示最新的',
};
