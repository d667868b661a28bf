import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../i18n/messages';
import type { NotAsked, TargetReason, TargetStatus } from '../../stores/connection-store';
import { describeStatus } from './status-text';

const NOT_ALLOWED: TargetReason = {
  kind: 'error',
  code: 'target-not-allowed',
  target: '10.0.0.1:80',
  text: '10.0.0.1:80 is not an allowed target',
};

const target = (targetStatus: TargetStatus, targetReason: TargetReason, language: 'en' | 'zh') =>
  describeStatus(
    { bridgeStatus: 'open', bridgeNote: null, targetStatus, targetReason },
    MESSAGES[language],
  ).target;

describe('describeStatus', () => {
  it('says what the bridge and the target are doing, and why', () => {
    expect(
      describeStatus({
        bridgeStatus: 'open',
        bridgeNote: null,
        targetStatus: 'failed',
        targetReason: NOT_ALLOWED,
      }),
    ).toEqual({
      bridge: 'Bridge: open',
      target: 'Target: failed — 10.0.0.1:80 is not an allowed target',
    });
    expect(
      describeStatus({
        bridgeStatus: 'reconnecting',
        bridgeNote: { kind: 'lost', reason: null, retryMs: 500 },
        targetStatus: 'disconnected',
        targetReason: null,
      }).bridge,
    ).toBe('Bridge: reconnecting — bridge unreachable; retrying in 0.5 s');
  });

  it('in English, quotes the bridge’s sentence and words the connection it made', () => {
    const connected: TargetReason = {
      kind: 'connected',
      remote: { host: '127.0.0.1', port: 7421 },
      localPort: 50000,
    };
    expect(target('connected', connected, 'en')).toBe(
      'Target: connected — 127.0.0.1:7421, from local port 50000',
    );
    expect(
      target('closed', { kind: 'closed', closeKind: 'fin', by: 'server', text: 'FIN!' }, 'en'),
    ).toBe('Target: closed — FIN!');
  });

  it('in Chinese, words the reasons whose meaning it knows and quotes the others', () => {
    const zh = MESSAGES.zh.targetStatus;
    expect(target('failed', NOT_ALLOWED, 'zh')).toBe(
      `${zh.failed} — 10.0.0.1:80 不在网桥允许的目标之内；如需连接它，请用 --allow 10.0.0.1:80 启动网桥`,
    );
    const refused = { ...NOT_ALLOWED, code: 'connect-refused' as const, target: '[::1]:1' };
    expect(target('failed', refused, 'zh')).toBe(
      `${zh.failed} — [::1]:1 上没有程序在监听（连接被拒绝）`,
    );
    expect(
      target(
        'connected',
        { kind: 'connected', remote: { host: '::1', port: 9 }, localPort: 5 },
        'zh',
      ),
    ).toBe(`${zh.connected} — ::1:9，本地端口 5`);
    const fin = { kind: 'closed', closeKind: 'fin', by: 'server', text: 'FIN' } as const;
    expect(target('closed', fin, 'zh')).toBe(`${zh.closed} — 服务器关闭了连接（FIN）`);
    expect(target('closed', { ...fin, closeKind: 'reset' }, 'zh')).toBe(
      `${zh.closed} — 服务器重置了连接`,
    );
    expect(target('disconnected', { ...fin, closeKind: 'requested', by: 'page' }, 'zh')).toBe(
      `${MESSAGES.zh.targetStatus.disconnected} — 页面关闭了连接`,
    );
    // A limit's sentence names its flag and figures; an unknown target cannot be worded.
    const limit = { ...NOT_ALLOWED, code: 'limit' as const, text: 'at most 64 (--max-conns)' };
    expect(target('failed', limit, 'zh')).toBe(
      `${zh.failed} — （英文原文）at most 64 (--max-conns)`,
    );
    expect(target('failed', { ...refused, target: '' }, 'zh')).toBe(
      `${zh.failed} — （英文原文）10.0.0.1:80 is not an allowed target`,
    );
    expect(
      target('closed', { ...fin, closeKind: 'error', by: 'bridge', text: 'bridge lost' }, 'zh'),
    ).toBe(`${zh.closed} — （英文原文）bridge lost`);
    expect(target('failed', { kind: 'text', text: 'HTTP/1.0 404 Not Found' }, 'zh')).toBe(
      `${zh.failed} — （英文原文）HTTP/1.0 404 Not Found`,
    );
  });

  it('words the page’s own reasons for not asking the bridge, in both languages', () => {
    const cases: Array<[NotAsked, string, string]> = [
      [
        { code: 'empty' },
        'Type a target such as 127.0.0.1:9000.',
        '请输入目标，例如 127.0.0.1:9000。',
      ],
      [
        { code: 'not-host-port', typed: 'localhost' },
        '"localhost" is not host:port (for example 127.0.0.1:9000).',
        '"localhost" 不是 主机:端口 的形式（例如 127.0.0.1:9000）。',
      ],
      [
        { code: 'port-range', port: '70000' },
        'Port 70000 is out of range: use 1 to 65535.',
        '端口 70000 超出范围：请用 1 到 65535。',
      ],
      [{ code: 'no-bridge' }, 'The bridge is not connected yet.', '网桥还没有连上。'],
    ];
    for (const [why, en, zhText] of cases) {
      expect(target('failed', { kind: 'not-asked', why }, 'en')).toBe(`Target: failed — ${en}`);
      expect(target('failed', { kind: 'not-asked', why }, 'zh')).toBe(
        `${MESSAGES.zh.targetStatus.failed} — ${zhText}`,
      );
    }
    for (const code of ['needs-gob-framing', 'needs-gob-dialect'] as const) {
      expect(target('failed', { kind: 'not-asked', why: { code } }, 'zh')).toMatch(/请选/);
    }
  });
});
