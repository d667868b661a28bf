import type { GuideTask } from '../features/guide/guide-tasks';

/** The words of the guided first run (features/guide), spread into messages.ts. */
export const GUIDE_EN = {
  guide: 'Guide',
  guideOf: (n: number, total: number) => `Guide, ${n} of ${total}:`,
  guideTask: {
    connect:
      'Press Connect. The target is the embedded demo server, which answers as Go’s net/rpc/jsonrpc does.',
    send: 'Press Send (or Ctrl+Enter) to call ServiceA.Add with the request in the editor.',
    step: 'Follow the call through its twelve steps: Next step (→) to the last one, or Play (Space).',
    wire: 'Open the Wire tab to see the bytes that went over the network, both ways.',
    burst:
      'Load the template “Demo.Sleep burst” and press Send burst: the answers overtake each other, and each still finds its call by id.',
  } satisfies Record<GuideTask, string>,
  guideDone:
    'Guide done: you followed a call through its twelve steps, saw its bytes, and watched answers find their calls by id.',
  hideGuide: 'Hide guide',
};

export const GUIDE_ZH: typeof GUIDE_EN = {
  guide: '引导',
  guideOf: (n, total) => `引导，第 ${n} 步，共 ${total} 步：`,
  guideTask: {
    connect: '按“连接”。目标是内置的演示服务器，它的回答与 Go 的 net/rpc/jsonrpc 一致。',
    send: '按“发送”（或 Ctrl+Enter），用编辑器里的请求调用 ServiceA.Add。',
    step: '跟着这个调用走完十二个步骤：按“下一步”（→）直到最后一步，或按“播放”（空格）。',
    wire: '打开“Wire”标签页，看看两个方向上经过网络的字节。',
    burst:
      '加载模板“Demo.Sleep burst”并按“并发发送”：回复会互相超越，而每个回复仍按 id 找到自己的调用。',
  },
  guideDone:
    '引导完成：你跟着一个调用走完了十二个步骤，看到了它的字节，也看到了回复如何按 id 找到自己的调用。',
  hideGuide: '隐藏引导',
};
