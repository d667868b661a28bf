import { describe, expect, it } from 'vitest';
import { DIALECT_NAMES, marshalRequest } from '../../client-stub/dialects';
import { expandCall } from '../../client-stub/send-readiness';
import { TEMPLATES } from './templates';

describe('request templates', () => {
  for (const dialect of DIALECT_NAMES) {
    it(`every ${dialect} template marshals in its dialect (bursts expanded)`, () => {
      for (const template of TEMPLATES[dialect]) {
        const expanded = expandCall(template.text, 0, 3, dialect);
        expect(expanded, template.name).toBeTypeOf('string');
        // expandCall marshalled it already; this checks the text dialects once more by their own entry point.
        if (dialect === 'gob') continue;
        const marshalled = marshalRequest(dialect, expanded as string, () => '0');
        expect(marshalled.ok, template.name).toBe(true);
      }
    });
  }

  it('offers JSON-RPC 2.0 a batch of three and a notification', () => {
    const calls = (name: string) => {
      const template = TEMPLATES.v2.find((t) => t.name === name);
      const marshalled = marshalRequest('v2', template?.text ?? '', () => '0');
      return marshalled.ok ? marshalled.calls : [];
    };
    expect(calls('Batch of three').map((c) => c.idText)).toEqual(['"slow"', '"add"', '"user"']);
    expect(calls('Notification (no id)')).toEqual([
      { method: 'Demo.Sleep', idText: null, canonicalId: null, paramsText: '{"Ms":10}' },
    ]);
    expect(calls('Batch with a notification').map((c) => c.idText)).toEqual(['"sum"', null]);
  });

  it('names a template in Chinese wherever its English name has words, not only a method', () => {
    for (const dialect of DIALECT_NAMES) {
      for (const template of TEMPLATES[dialect]) {
        const methodOnly = /^[A-Z]\w*\.\w+( \d+\+\d+)?$/.test(template.name);
        if (methodOnly) expect(template.zh, template.name).toBeUndefined();
        else expect(template.zh, template.name).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
