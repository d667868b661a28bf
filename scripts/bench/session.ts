import { stubHarness } from '../../web/src/client-stub/stub-harness';
import { exportSession, openSession } from '../../web/src/session/open-session';
import { readSession } from '../../web/src/session/session-file';
import { createPredictionStore } from '../../web/src/stores/prediction-store';
import { createWireStore } from '../../web/src/stores/wire-store';
import { createWireRecorder } from '../../web/src/wire/wire-recorder';
import { bestOfRotatedRounds, fmt } from './stats';

/**
 * Export session and Open session… on a page holding a Go-mode burst of
 * 10,000 answered calls (the page's own client stub and stores), next to
 * JSON.stringify and JSON.parse of the same calls in the same run: what the
 * file's checks, its bytes in base64 and its wire record cost over plain JSON.
 * The ratio is the baseline's time over the session's.
 */

const CALLS = 10_000;
const ROUNDS = 7;
const CLOCK = { offsetMs: 1.7e12, uncertaintyMs: 0.2, samples: 4, measuredAt: 1 };

function recordedPage() {
  const wire = createWireStore();
  const page = stubHarness({
    text: '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}',
    wire: createWireRecorder(wire),
  });
  page.connection.getState().setClock(CLOCK);
  const conn = page.connect();
  page.stub.sendBurst(CALLS);
  let replies = '';
  for (let i = 0; i < CALLS; i++) replies += `{"id":${i},"result":3,"error":null}\n`;
  page.serverSends(conn, replies, CLOCK.offsetMs + 5);
  const answered = page.calls.getState().calls.filter((call) => call.status === 'answered');
  if (answered.length !== CALLS) throw new Error(`${answered.length} of ${CALLS} calls answered`);
  return { ...page, wire };
}

export async function benchSession(): Promise<string[]> {
  const page = recordedPage();
  const calls = page.calls.getState().calls;
  const file = exportSession(page, new Date()).text;
  const plain = JSON.stringify(calls);
  const contenders: Array<() => void> = [
    () => {
      if (JSON.stringify(calls).length === 0) throw new Error('nothing written');
    },
    () => {
      if (exportSession(page, new Date()).text.length === 0) throw new Error('nothing exported');
    },
    () => {
      if ((JSON.parse(plain) as unknown[]).length !== CALLS) throw new Error('parse');
    },
    () => {
      const wire = createWireStore();
      const fresh = {
        ...stubHarness({ text: '{}', wire: createWireRecorder(wire) }),
        wire,
        prediction: createPredictionStore(() => 0),
      };
      openSession(fresh, readSession(file));
      if (fresh.calls.getState().calls.length !== CALLS) throw new Error('not opened');
    },
  ];
  const [stringify = 0, exported = 0, parse = 0, opened = 0] = await bestOfRotatedRounds(
    contenders,
    ROUNDS,
  );
  return [
    `${CALLS} answered calls and their wire bytes, best of ${ROUNDS} rounds, order rotated; the file is ${fmt(file.length / 1e6, 1)} MB (the calls alone as JSON ${fmt(plain.length / 1e6, 1)} MB)`,
    `export session     ${fmt(exported, 0)} ms    JSON.stringify of the calls ${fmt(stringify, 0)} ms    ratio ${fmt(stringify / exported, 2)}×`,
    `open session       ${fmt(opened, 0)} ms    JSON.parse of the calls     ${fmt(parse, 0)} ms    ratio ${fmt(parse / opened, 2)}× (read, checked, put in the stores)`,
  ];
}
