import { topLevelMembers } from '../../../shared/json/json-text';
import { GO_ERROR_KINDS } from '../../../shared/jsonrpc/go-errors';
import type { ClockEstimate, ServerStamps } from '../../../shared/steps/call-stamps';
import { DIALECT_HINTS, type ErrorObject } from '../client-stub/dialects';
import {
  CALL_STATUSES,
  type Call,
  type ErrorClass,
  FAILURE_CAUSES,
  STRAY_KINDS,
  type StrayReply,
} from '../stores/calls-store';
import {
  booleanField,
  countField,
  type Fields,
  field,
  nullableCount,
  nullableField,
  nullableNumber,
  nullableString,
  numberField,
  objectAt,
  oneOf,
  optional,
  stringField,
} from './read-fields';

/**
 * A call or a stray reply as a page recorded it, read back from outside (a
 * session file, the history in storage) and checked member by member: what
 * the views will read must be what they expect. Throws SessionFileError.
 */
export function readCall(value: unknown, path: string): Call {
  const call = objectAt(value, path);
  const requestText = stringField(call, 'requestText');
  const clock = optional(call, 'clock', () => readClock(field(call, 'clock')));
  const notification = optional(call, 'notification', () => booleanField(call, 'notification'));
  const failureCause = optional(call, 'failureCause', () =>
    oneOf(call, 'failureCause', FAILURE_CAUSES),
  );
  const failureHint = optional(call, 'failureHint', () =>
    oneOf(call, 'failureHint', DIALECT_HINTS),
  );
  const errorObject = optional(call, 'errorObject', () => {
    const fields = nullableField(call, 'errorObject');
    return fields && readErrorObject(fields);
  });
  return {
    key: stringField(call, 'key'),
    conn: countField(call, 'conn'),
    method: stringField(call, 'method'),
    idText: stringField(call, 'idText'),
    canonicalId: stringField(call, 'canonicalId'),
    requestText,
    paramsText:
      call.value.paramsText === undefined
        ? paramsFromRequest(requestText)
        : nullableString(call, 'paramsText'),
    status: oneOf(call, 'status', CALL_STATUSES),
    stamps: readStamps(field(call, 'stamps')),
    replyOrder: nullableCount(call, 'replyOrder'),
    resultText: nullableString(call, 'resultText'),
    error: nullableString(call, 'error'),
    errorClass: readErrorClass(nullableField(call, 'errorClass')),
    failure: nullableString(call, 'failure'),
    duplicateWarning: nullableString(call, 'duplicateWarning'),
    ...(errorObject !== undefined ? { errorObject } : {}),
    ...(notification !== undefined ? { notification } : {}),
    ...(failureCause !== undefined ? { failureCause } : {}),
    ...(failureHint !== undefined ? { failureHint } : {}),
    ...(clock !== undefined ? { clock } : {}),
  };
}

export function readStray(value: unknown, path: string): StrayReply {
  const stray = objectAt(value, path);
  return {
    conn: countField(stray, 'conn'),
    kind: oneOf(stray, 'kind', STRAY_KINDS),
    text: stringField(stray, 'text'),
    reason: stringField(stray, 'reason'),
    at: numberField(stray, 'at'),
  };
}

export function readClock(clock: Fields): ClockEstimate {
  return {
    offsetMs: numberField(clock, 'offsetMs'),
    uncertaintyMs: numberField(clock, 'uncertaintyMs'),
    samples: countField(clock, 'samples'),
    measuredAt: numberField(clock, 'measuredAt'),
  };
}

function readStamps(stamps: Fields): Call['stamps'] {
  const server = nullableField(stamps, 'server');
  return {
    invokedAt: numberField(stamps, 'invokedAt'),
    marshalledAt: numberField(stamps, 'marshalledAt'),
    requestBytes: countField(stamps, 'requestBytes'),
    writtenAt: nullableNumber(stamps, 'writtenAt'),
    server: server && readServerStamps(server),
    firstReadAt: nullableNumber(stamps, 'firstReadAt'),
    lastReadAt: nullableNumber(stamps, 'lastReadAt'),
    replyBytes: nullableCount(stamps, 'replyBytes'),
    decodedAt: nullableNumber(stamps, 'decodedAt'),
    deliveredAt: nullableNumber(stamps, 'deliveredAt'),
  };
}

function readServerStamps(server: Fields): ServerStamps {
  return {
    received: numberField(server, 'received'),
    decoded: numberField(server, 'decoded'),
    invoked: nullableNumber(server, 'invoked'),
    returned: nullableNumber(server, 'returned'),
    encoded: numberField(server, 'encoded'),
    written: numberField(server, 'written'),
  };
}

function readErrorClass(errorClass: Fields | null): ErrorClass | null {
  if (errorClass === null) return null;
  return {
    kind: oneOf(errorClass, 'kind', GO_ERROR_KINDS),
    ran: booleanField(errorClass, 'ran'),
    explanation: stringField(errorClass, 'explanation'),
  };
}

function readErrorObject(error: Fields): ErrorObject {
  return {
    code: numberField(error, 'code'),
    message: stringField(error, 'message'),
    dataText: nullableString(error, 'dataText'),
    meaning: stringField(error, 'meaning'),
  };
}

/**
 * The params of a call recorded before calls kept their own: its request was
 * then a single JSON object as sent, and Go's server reads the last params
 * member, whatever the case of its key.
 */
function paramsFromRequest(requestText: string): string | null {
  const text = requestText.trim();
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  } catch {
    return null;
  }
  const params = topLevelMembers(text)
    .filter((member) => member.key.toLowerCase() === 'params')
    .at(-1);
  return params ? text.slice(params.valueStart, params.valueEnd) : null;
}
