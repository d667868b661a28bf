import { describe, expect, it } from 'vitest';
import { type Dispatch, dispatch } from './dispatch';
import type { ServerRequest } from './jsonrpc-codec';
import { createServices } from './services';

const b = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function request(method: string, params: string | null, id: string | null = '1'): ServerRequest {
  return { method, params: params === null ? null : b(params), id: id === null ? null : b(id) };
}

async function reply(d: Dispatch): Promise<string> {
  return text(d.type === 'reply' ? d.bytes : await d.reply);
}

describe('dispatch (rpc.Server readRequest + call)', () => {
  const slept: number[] = [];
  const services = createServices(async (ms) => {
    slept.push(ms);
  });

  it('answers header errors at once without running the method', () => {
    expect(dispatch(services, request('Add', '[]')).type).toBe('reply');
    expect(text((dispatch(services, request('', null, null)) as { bytes: Uint8Array }).bytes)).toBe(
      '{"id":null,"result":null,"error":"rpc: service/method request ill-formed: "}\n',
    );
  });

  it('splits the service name at the last dot, case-sensitively', async () => {
    expect(await reply(dispatch(services, request('ServiceA.Add.Add', '[]')))).toContain(
      "rpc: can't find service ServiceA.Add.Add",
    );
    expect(await reply(dispatch(services, request('ServiceA.add', '[]')))).toContain(
      "rpc: can't find method ServiceA.add",
    );
  });

  it('answers body errors at once', async () => {
    const d = dispatch(services, request('ServiceA.Add', null));
    expect(d.type).toBe('reply');
    expect(await reply(d)).toContain('jsonrpc: request body missing params');
  });

  it('runs the four methods', async () => {
    expect(await reply(dispatch(services, request('ServiceA.Add', '[{"X":2,"Y":3}]')))).toBe(
      '{"id":1,"result":5,"error":null}\n',
    );
    expect(await reply(dispatch(services, request('UserService.Get', '[{"userid":7}]')))).toBe(
      '{"id":1,"result":{"code":1,"message":"success","data":"userid = 7"},"error":null}\n',
    );
    expect(await reply(dispatch(services, request('Demo.Sleep', '[{"Ms":25}]')))).toBe(
      '{"id":1,"result":25,"error":null}\n',
    );
    expect(slept).toEqual([25]);
    expect(await reply(dispatch(services, request('Demo.Fail', '[{"Message":"x"}]')))).toBe(
      '{"id":1,"result":null,"error":"x"}\n',
    );
    expect(await reply(dispatch(services, request('Demo.Fail', '[]')))).toContain('demo failure');
  });

  it('refuses sleeps outside 0..60000 ms without sleeping', async () => {
    slept.length = 0;
    expect(await reply(dispatch(services, request('Demo.Sleep', '[{"Ms":60001}]')))).toContain(
      'Ms must be between 0 and 60000',
    );
    expect(slept).toEqual([]);
  });

  it('wraps Add like Go int64', async () => {
    expect(
      await reply(dispatch(services, request('ServiceA.Add', '[{"X":9223372036854775807,"Y":1}]'))),
    ).toContain('"result":-9223372036854775808');
  });

  it('tells the glass box each step as it happens: a run call, and a refused one', async () => {
    const steps: string[] = [];
    const ran = dispatch(services, request('ServiceA.Add', '[{"X":1,"Y":2}]'), (step) =>
      steps.push(step),
    );
    expect(steps).toEqual(['decoded', 'invoked']);
    expect(await reply(ran)).toBe('{"id":1,"result":3,"error":null}\n');
    expect(steps).toEqual(['decoded', 'invoked', 'returned', 'encoded']);

    steps.length = 0;
    dispatch(services, request('ServiceA.Add', '[{"X":"1"}]'), (step) => steps.push(step));
    expect(steps).toEqual(['decoded', 'encoded']);
  });
});
