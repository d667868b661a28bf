import { useState } from 'react';
import { prettyExact } from '../../../../shared/json/exact-json';
import { useMessages } from '../../i18n/use-messages';

/**
 * Characters of a server's (or the person's) text laid out before they ask for
 * all of it. A reply of 64 MiB pretty-printed into the page would stall it for
 * seconds and bury everything else; the Wire view cuts its chunks likewise.
 */
export const SHOWN_CHARS = 64 * 1024;

/** Pretty-prints without losing digits; text that is not JSON is shown as it came. */
function prettyOrRaw(text: string): string {
  try {
    return prettyExact(text);
  } catch {
    return text;
  }
}

/**
 * A text in a code block, cut at SHOWN_CHARS with a notice and a button for
 * the rest. A cut text is shown as received: a prefix of JSON cannot be
 * pretty-printed. Give it a `key` per call, so "show all" does not carry over.
 */
export function LongText({ text, pretty = false }: { text: string; pretty?: boolean }) {
  const t = useMessages();
  const [whole, setWhole] = useState(false);
  const cut = !whole && text.length > SHOWN_CHARS;
  return (
    <>
      <pre className="code">
        {cut ? text.slice(0, SHOWN_CHARS) : pretty ? prettyOrRaw(text) : text}
      </pre>
      {cut && (
        <p className="panel-note">
          {t.textShownPart(SHOWN_CHARS, text.length)}{' '}
          <button type="button" onClick={() => setWhole(true)}>
            {t.showAllText(text.length)}
          </button>
        </p>
      )}
    </>
  );
}
