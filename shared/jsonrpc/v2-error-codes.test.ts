import { describe, expect, it } from 'vitest';
import { explainV2ErrorCode } from './v2-error-codes';

const CODES = [-32700, -32600, -32601, -32602, -32603, -32050, -32100, 42];

describe('explainV2ErrorCode', () => {
  it('V1: the standard codes, the server range and the rest', () => {
    expect(explainV2ErrorCode(-32700)).toMatch(/^-32700 Parse error: /);
    expect(explainV2ErrorCode(-32600)).toMatch(/^-32600 Invalid Request: /);
    expect(explainV2ErrorCode(-32601)).toMatch(/^-32601 Method not found: /);
    expect(explainV2ErrorCode(-32602)).toMatch(/^-32602 Invalid params: /);
    expect(explainV2ErrorCode(-32603)).toMatch(/^-32603 Internal error: /);
    expect(explainV2ErrorCode(-32050)).toMatch(/^-32050 Server error: /);
    expect(explainV2ErrorCode(-32100)).toMatch(/reserved .* future use/);
    expect(explainV2ErrorCode(42)).toMatch(/application-defined/);
  });

  it('V9: in Chinese, the same code and the specification name as servers send it', () => {
    for (const code of CODES) {
      const en = explainV2ErrorCode(code, 'en');
      const zh = explainV2ErrorCode(code, 'zh');
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(zh.startsWith(`${code} `)).toBe(true);
      const name = en.match(/^-?\d+ ([A-Z][A-Za-z ]+):/)?.[1];
      if (name) expect(zh).toContain(`${name}：`);
    }
    expect(explainV2ErrorCode(-32601, 'zh')).toBe(
      '-32601 Method not found：这个方法不存在，或在这台服务器上不可用。',
    );
  });
});
