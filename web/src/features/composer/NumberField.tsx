import { useState } from 'react';

/**
 * A number box whose text may be empty or out of range while typing: only a
 * number reaches onChange (the store keeps it valid), and leaving the box
 * shows the stored value again.
 */
export function NumberField(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  unit?: string;
}) {
  const [draft, setDraft] = useState(String(props.value));
  return (
    <label className="field inline">
      <span className="field-label">{props.label}</span>
      <input
        className="burst-input"
        type="number"
        min={props.min}
        max={props.max}
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          if (Number.isFinite(event.target.valueAsNumber))
            props.onChange(event.target.valueAsNumber);
        }}
        onBlur={() => setDraft(String(props.value))}
      />
      {props.unit && <span aria-hidden="true">{props.unit}</span>}
    </label>
  );
}
