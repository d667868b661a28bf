import type { DialectName } from '../client-stub/dialects';

/**
 * What the editor's JSON must look like in each dialect, as JSON Schema
 * (draft 7), for Monaco's JSON worker: it underlines what does not fit and
 * completes member names. Go's deeper rules (what its server will do with
 * odd params) stay in shared/jsonrpc/go-dialect.ts's lint.
 */

const ID = {
  description:
    'Sent exactly as typed. The answer carries the same id; it is how the client stub finds the call.',
  type: ['string', 'number', 'null'],
};

const GO_REQUEST = {
  // What Go would refuse or misread is the lint's job, with Go's own words: the schema only types and explains.
  title: 'Go net/rpc/jsonrpc request',
  type: 'object',
  properties: {
    method: {
      description: 'Service.Method, case-sensitive, as registered on the Go server.',
      type: 'string',
    },
    params: {
      description:
        "An array holding the method's one argument: [{…}]. Go ignores further elements.",
    },
    id: {
      description:
        "Any JSON value, echoed back by Go. Leave it out and the page numbers calls 0, 1, 2… per connection, as Go's client does.",
    },
  },
};

const V2_REQUEST = {
  title: 'JSON-RPC 2.0 request or notification',
  type: 'object',
  required: ['method'],
  additionalProperties: false,
  properties: {
    jsonrpc: {
      description: 'Added by the client stub when missing.',
      const: '2.0',
    },
    method: { description: 'The method to call.', type: 'string' },
    params: {
      description: 'By position (an array) or by name (an object); may be left out.',
      type: ['array', 'object'],
    },
    id: {
      ...ID,
      description: `${ID.description} Leave "id" out to send a notification: the server sends no answer.`,
    },
  },
};

const GOB_REQUEST = {
  title: 'Go net/rpc request, sent in gob',
  type: 'object',
  required: ['method', 'params'],
  properties: {
    method: GO_REQUEST.properties.method,
    params: {
      description:
        'An array of exactly one value, the args. Whole numbers go as int, fractions as float64, objects as structs (fields by their Go names); {"$uint": n}, {"$float": n}, {"$bytes": …} or {"$map": {…}} pick another Go type.',
      type: 'array',
      minItems: 1,
      maxItems: 1,
    },
    id: {
      description:
        "The call's Seq: a whole number from 0 to 18446744073709551615. Leave it out and the page numbers calls 0, 1, 2… per connection, as Go's client does.",
      type: 'integer',
      minimum: 0,
    },
  },
};

export const REQUEST_SCHEMAS: Record<DialectName, object> = {
  gob: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...GOB_REQUEST,
  },
  go: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...GO_REQUEST,
  },
  v2: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    oneOf: [
      V2_REQUEST,
      {
        title: 'JSON-RPC 2.0 batch: sent as one message, each element answered on its own',
        type: 'array',
        minItems: 1,
        items: V2_REQUEST,
      },
    ],
  },
};
