import type { CallFacts } from '../../../../shared/steps/step-catalogue';
import type { Call } from '../../stores/calls-store';

/** What the step sentences quote about a call besides its times. */
export function callFacts(call: Call): CallFacts {
  const outcome: CallFacts['outcome'] =
    call.status === 'answered'
      ? { kind: 'result', text: call.resultText ?? 'null' }
      : call.status === 'error'
        ? { kind: 'error', text: call.error ?? '' }
        : call.status === 'failed'
          ? { kind: 'failed', reason: call.failure ?? '' }
          : { kind: 'pending' };
  return {
    method: call.method,
    idText: call.idText,
    requestText: call.requestText,
    paramsText: call.paramsText,
    requestBytes: call.stamps.requestBytes,
    replyBytes: call.stamps.replyBytes,
    outcome,
  };
}
