import { describe, expect, it } from 'vitest';
import { answerMessage } from './answer';
import { createV2Services } from './methods';

const slept: number[] = [];
const services = createV2Services(async (ms) => {
  slept.push(ms);
});
const answer = (text: string) => answerMessage(text, services);

describe('answerMessage: single requests', () => {
  it('answers ServiceA.Add with params by name, by position, or Go-style in an array', async () => {
    for (const params of ['{"X":10,"Y":20}', '[10,20]', '[{"X":10,"Y":20}]']) {
      expect(
        await answer(`{"jsonrpc":"2.0","method":"ServiceA.Add","params":${params},"id":1}`),
      ).toBe('{"jsonrpc":"2.0","result":30,"id":1}');
    }
  });

  it('echoes ids exactly: big integers, strings, null', async () => {
    const add = '"jsonrpc":"2.0","method":"ServiceA.Add","params":[1,2]';
    expect(await answer(`{${add},"id":9007199254740993}`)).toBe(
      '{"jsonrpc":"2.0","result":3,"id":9007199254740993}',
    );
    expect(await answer(`{${add},"id":"<b>"}`)).toBe('{"jsonrpc":"2.0","result":3,"id":"<b>"}');
    expect(await answer(`{${add},"id":null}`)).toBe('{"jsonrpc":"2.0","result":3,"id":null}');
  });

  it('has the demo services: UserService.Get, Demo.Sleep, Demo.Fail; Add wraps at 64 bits', async () => {
    expect(
      await answer('{"jsonrpc":"2.0","method":"UserService.Get","params":{"userid":7},"id":2}'),
    ).toBe('{"jsonrpc":"2.0","result":{"code":1,"message":"success","data":"userid = 7"},"id":2}');
    expect(await answer('{"jsonrpc":"2.0","method":"Demo.Sleep","params":[25],"id":3}')).toBe(
      '{"jsonrpc":"2.0","result":25,"id":3}',
    );
    expect(slept).toContain(25);
    expect(
      await answer('{"jsonrpc":"2.0","method":"Demo.Fail","params":{"Message":"no"},"id":4}'),
    ).toBe('{"jsonrpc":"2.0","error":{"code":1,"message":"no"},"id":4}');
    expect(
      await answer(
        '{"jsonrpc":"2.0","method":"ServiceA.Add","params":[9223372036854775807,1],"id":5}',
      ),
    ).toBe('{"jsonrpc":"2.0","result":-9223372036854775808,"id":5}');
  });

  it('a notification gets no reply, even when its method does not exist', async () => {
    expect(await answer('{"jsonrpc":"2.0","method":"ServiceA.Add","params":[1,2]}')).toBeNull();
    expect(await answer('{"jsonrpc":"2.0","method":"Nope.Nope"}')).toBeNull();
  });
});

describe('answerMessage: standard error objects', () => {
  it('-32700 Parse error for text that is not JSON, id null', async () => {
    expect(await answer('{"jsonrpc":')).toMatch(
      /^\{"jsonrpc":"2.0","error":\{"code":-32700,"message":"Parse error","data":".+"\},"id":null\}$/,
    );
  });

  it('-32600 Invalid Request, with the id when it could be read', async () => {
    const cases: Array<[string, string]> = [
      [
        '1',
        '{"code":-32600,"message":"Invalid Request","data":"a request must be an object"},"id":null',
      ],
      [
        '{"method":"ServiceA.Add","id":1}',
        '{"code":-32600,"message":"Invalid Request","data":"\\"jsonrpc\\" must be exactly \\"2.0\\""},"id":1',
      ],
      [
        '{"jsonrpc":"2.0","method":1,"id":"a"}',
        '{"code":-32600,"message":"Invalid Request","data":"\\"method\\" must be a string"},"id":"a"',
      ],
      [
        '{"jsonrpc":"2.0","method":"ServiceA.Add","params":"x","id":2}',
        '{"code":-32600,"message":"Invalid Request","data":"\\"params\\" must be an array or an object when present"},"id":2',
      ],
      [
        '{"jsonrpc":"2.0","method":"ServiceA.Add","id":{"a":1}}',
        '{"code":-32600,"message":"Invalid Request","data":"id must be a string, a number or null"},"id":null',
      ],
      ['[]', '{"code":-32600,"message":"Invalid Request","data":"an empty batch"},"id":null'],
    ];
    for (const [request, error] of cases) {
      expect(await answer(request)).toBe(`{"jsonrpc":"2.0","error":${error}}`);
    }
  });

  it('-32601 Method not found', async () => {
    expect(await answer('{"jsonrpc":"2.0","method":"Nope.Add","id":1}')).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found","data":"no method Nope.Add"},"id":1}',
    );
  });

  it('-32602 Invalid params says what was wrong', async () => {
    const data = async (params: string) => {
      const text = await answer(
        `{"jsonrpc":"2.0","method":"ServiceA.Add","params":${params},"id":1}`,
      );
      const parsed = JSON.parse(text ?? 'null');
      expect(parsed.error.code).toBe(-32602);
      return parsed.error.data as string;
    };
    expect(await data('{"X":1}')).toMatch(
      /^missing param Y: params must be all of X \(integer\), Y \(integer\)/,
    );
    expect(await data('{"X":1,"Y":2,"Z":3}')).toMatch(/^unknown param Z/);
    expect(await data('[1]')).toMatch(/^params must be all of/);
    expect(await data('{"X":1.5,"Y":2}')).toBe('param X must be a 64-bit integer');
    expect(await data('{"X":"1","Y":2}')).toBe('param X must be a 64-bit integer');
    expect(await data('[9223372036854775808,0]')).toBe('param X must be a 64-bit integer');
    expect(await answer('{"jsonrpc":"2.0","method":"Demo.Sleep","params":[60001],"id":9}')).toBe(
      '{"jsonrpc":"2.0","error":{"code":-32602,"message":"Invalid params","data":"Ms must be between 0 and 60000"},"id":9}',
    );
  });
});

describe('answerMessage: batches', () => {
  it('answers each element on its own, in order, leaving notifications out', async () => {
    const batch = [
      '{"jsonrpc":"2.0","method":"ServiceA.Add","params":[1,2],"id":"a"}',
      '{"jsonrpc":"2.0","method":"ServiceA.Add","params":[5,5]}',
      '7',
      '{"jsonrpc":"2.0","method":"Nope.X","id":"c"}',
    ];
    expect(await answer(`[${batch.join(',')}]`)).toBe(
      '[{"jsonrpc":"2.0","result":3,"id":"a"},' +
        '{"jsonrpc":"2.0","error":{"code":-32600,"message":"Invalid Request","data":"a request must be an object"},"id":null},' +
        '{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found","data":"no method Nope.X"},"id":"c"}]',
    );
  });

  it('a batch of notifications only gets no reply at all', async () => {
    expect(
      await answer(
        '[{"jsonrpc":"2.0","method":"ServiceA.Add","params":[1,2]},{"jsonrpc":"2.0","method":"Demo.Fail","params":[""]}]',
      ),
    ).toBeNull();
  });
});
