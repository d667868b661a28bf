/**
 * The sentences the page records as a failed call's detail (`Call.failure`)
 * when the page itself knows why. They stay in English in the record;
 * i18n/failure-details.ts words them for a Chinese page.
 */

/** The bridge was not there to write the request. */
export const NOT_SENT_REASON = 'the bridge is not connected';

/** No answer within the composer's timeout. */
export const timeoutReason = (seconds: number) => `no answer within ${seconds} s`;

/** The call was in flight when the page went away. */
export const UNLOADED_IN_FLIGHT_REASON =
  'the page was reloaded or closed while this call was in flight; an answer, if one came, was not seen';

/** The call was still in flight when its session was written. */
export const EXPORTED_IN_FLIGHT_REASON =
  'in flight when the session was exported: its answer, if one came, is not in the file';
