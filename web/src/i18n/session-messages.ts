/** The words of session export and import (features/session), spread into messages.ts. */

const callsEn = (n: number) => (n === 1 ? '1 call' : `${n} calls`);

export const SESSION_EN = {
  session: 'Session',
  sessionNotice: 'Session notice',
  exportSession: 'Export session',
  openSession: 'Open session…',
  openIt: 'Open it',
  cancel: 'Cancel',
  dismiss: 'Dismiss',
  sessionConfirm: (name: string, calls: number, when: string, target: string, replaced: number) =>
    `Open ${name}? Its ${callsEn(calls)}, recorded ${when} with ${target}, replace the ${callsEn(replaced)} on this page, the wire bytes and the request in the editor; the connection closes.`,
  sessionOpened: (name: string, calls: number, when: string, target: string) =>
    `Opened ${name}: ${callsEn(calls)} recorded ${when} with ${target}. Select a call to replay its steps; no server is needed.`,
  sessionRefused: (name: string, problem: string) =>
    `${name} was not opened: ${problem}. Nothing on the page changed.`,
  sessionTooLarge: (megabytes: number, limit: number) =>
    `the file is ${megabytes} MB, larger than a session file can be (${limit} MB)`,
  sessionUnreadable: 'the browser could not read the file',
  sessionExported: (name: string, calls: number) => `Exported ${callsEn(calls)} to ${name}.`,
  noTarget: 'no target',
};

export const SESSION_ZH: typeof SESSION_EN = {
  session: '会话',
  sessionNotice: '会话提示',
  exportSession: '导出会话',
  openSession: '打开会话…',
  openIt: '打开',
  cancel: '取消',
  dismiss: '关闭',
  sessionConfirm: (name, calls, when, target, replaced) =>
    `打开 ${name}？它的 ${calls} 个调用（${when} 与 ${target} 录制）将替换本页的 ${replaced} 个调用、线上字节和编辑器里的请求；当前连接会关闭。`,
  sessionOpened: (name, calls, when, target) =>
    `已打开 ${name}：${calls} 个调用，${when} 与 ${target} 录制。选择一个调用即可重播它的步骤，不需要服务器。`,
  sessionRefused: (name, problem) =>
    `没有打开 ${name}。原因（英文原文）：${problem}。页面上的内容没有改变。`,
  sessionTooLarge: (megabytes, limit) =>
    `文件有 ${megabytes} MB，超过会话文件的上限（${limit} MB）`,
  sessionUnreadable: '浏览器无法读取这个文件',
  sessionExported: (name, calls) => `已把 ${calls} 个调用导出到 ${name}。`,
  noTarget: '无目标',
};
