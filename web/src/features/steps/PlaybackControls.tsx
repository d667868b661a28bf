import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { formatMs } from '../../../../shared/steps/step-catalogue';
import { useApp } from '../../app/app-context';
import { useMessages } from '../../i18n/use-messages';
import {
  type PlaybackTimeline,
  positionToTime,
  timelineLength,
  timeToPosition,
} from '../../playback/playhead';
import {
  DWELL_MAX_MS,
  DWELL_MIN_MS,
  type PlaybackMode,
  SPEED_MAX,
  SPEED_MIN,
} from '../../stores/playback-store';

/** Slider steps per factor of ten on the log-scale speed slider. */
const SPEED_STEPS_PER_DECADE = 20;

/** Play/Pause, step, scrub, mode and speed: the learner sets the pace. */
export function PlaybackControls(props: { timeline: PlaybackTimeline | null }) {
  const t = useMessages();
  const { playback } = useApp();
  const state = useStore(
    playback,
    useShallow((s) => ({
      step: s.step,
      position: s.position,
      playing: s.playing,
      mode: s.mode,
      speed: s.speed,
      dwellMs: s.dwellMs,
      stopAtEachStep: s.stopAtEachStep,
    })),
  );
  const actions = playback.getState();
  const { timeline } = props;
  const length = timeline ? timelineLength(timeline) : 0;
  const time = timeline ? positionToTime(timeline, state.position) : 0;
  const teaching = state.mode === 'teaching';
  // Right is faster: the slider runs over minus the log of the slow-down (or of the dwell).
  const speedValue = -Math.log10(teaching ? state.dwellMs : state.speed);
  const speedMin = -Math.log10(teaching ? DWELL_MAX_MS : SPEED_MAX);
  const speedMax = -Math.log10(teaching ? DWELL_MIN_MS : SPEED_MIN);
  const speedText = teaching
    ? t.perStep((state.dwellMs / 1000).toFixed(state.dwellMs < 1000 ? 2 : 1))
    : t.slower(Math.round(state.speed).toLocaleString('en-US'));

  return (
    <div className="playback-controls">
      <div className="control-row">
        <button
          type="button"
          className="button"
          onClick={actions.previous}
          disabled={!timeline || state.step === 1}
        >
          {t.previousStep}
        </button>
        <button
          type="button"
          className="button primary play-button"
          onClick={actions.toggle}
          disabled={!timeline}
        >
          {state.playing ? t.pause : t.play}
        </button>
        <button
          type="button"
          className="button"
          onClick={actions.next}
          disabled={!timeline || state.step === 12}
        >
          {t.nextStep}
        </button>
        <button type="button" className="button" onClick={actions.replay} disabled={!timeline}>
          {t.replay}
        </button>
        <label className="field scrubber">
          <span className="field-label">{t.timeline}</span>
          <input
            type="range"
            min={0}
            max={length}
            step="any"
            value={time}
            disabled={!timeline || length === 0}
            aria-valuetext={`${t.stepOf(state.step)}, ${formatMs(time)}`}
            onChange={(event) => {
              if (timeline) actions.scrub(timeToPosition(timeline, event.target.valueAsNumber));
            }}
          />
        </label>
      </div>
      <div className="control-row">
        <label className="field">
          <span className="field-label">{t.mode}</span>
          <select
            value={state.mode}
            onChange={(event) => actions.setMode(event.target.value as PlaybackMode)}
          >
            <option value="teaching">{t.modeTeaching}</option>
            <option value="real-time">{t.modeRealTime}</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t.speed}</span>
          <input
            type="range"
            min={speedMin}
            max={speedMax}
            step={1 / SPEED_STEPS_PER_DECADE}
            value={speedValue}
            aria-valuetext={speedText}
            onChange={(event) => {
              const value = 10 ** -event.target.valueAsNumber;
              if (teaching) actions.setDwell(value);
              else actions.setSpeed(value);
            }}
          />
          {/* Not an <output>: that is a status role, and the slider's value text already says it. */}
          <span className="speed-value" aria-hidden="true">
            {speedText}
          </span>
        </label>
        {teaching && (
          <label className="field">
            <input
              type="checkbox"
              checked={state.stopAtEachStep}
              onChange={(event) => actions.setStopAtEachStep(event.target.checked)}
            />
            <span className="field-label">{t.stopAtEachStep}</span>
          </label>
        )}
      </div>
    </div>
  );
}
