import type { Language } from '../../../../shared/language';
import type { StepNumber } from '../../../../shared/steps/call-stamps';
import { ACTOR_NAMES, ACTORS, stepEntry } from '../../../../shared/steps/step-catalogue';
import {
  ACTOR_HEIGHT,
  ACTOR_TOP,
  actorX,
  DIAGRAM_HEIGHT,
  DIAGRAM_WIDTH,
  messagePoint,
  REPLY_LANE_Y,
  REQUEST_LANE_Y,
} from './diagram-geometry';

const ACTOR_WIDTH = 160;

/**
 * The five actors left to right, the request lane (→) and the reply lane (←),
 * and the message where the playhead puts it. `blackBox` draws steps 4–9 as
 * one span nobody saw inside.
 */
export function StepDiagram(props: {
  position: number;
  step: StepNumber;
  language: Language;
  blackBox: boolean;
  label: string;
  blackBoxLabel: string;
}) {
  const { position, step, language, blackBox } = props;
  const entry = stepEntry(step);
  const message = messagePoint(position);
  const serverLeft = actorX('server-stub') - ACTOR_WIDTH / 2 - 10;
  const serverRight = actorX('service') + ACTOR_WIDTH / 2 + 10;
  return (
    <svg
      className="step-diagram"
      viewBox={`0 0 ${DIAGRAM_WIDTH} ${DIAGRAM_HEIGHT}`}
      role="img"
      aria-label={props.label}
    >
      {blackBox && (
        <g>
          <rect
            className="black-box-frame"
            x={serverLeft}
            y={ACTOR_TOP + ACTOR_HEIGHT + 6}
            width={serverRight - serverLeft}
            height={DIAGRAM_HEIGHT - ACTOR_TOP - ACTOR_HEIGHT - 8}
            rx={8}
          />
          <text
            className="black-box-label"
            x={(serverLeft + serverRight) / 2}
            y={DIAGRAM_HEIGHT - 8}
            textAnchor="middle"
          >
            {props.blackBoxLabel}
          </text>
        </g>
      )}
      {ACTORS.map((actor) => {
        const x = actorX(actor);
        const active = actor === entry.actor || actor === entry.at;
        return (
          <g key={actor}>
            <line
              className="lifeline"
              x1={x}
              x2={x}
              y1={ACTOR_TOP + ACTOR_HEIGHT}
              y2={DIAGRAM_HEIGHT - 20}
            />
            <rect
              className={active ? 'actor-box active' : 'actor-box'}
              x={x - ACTOR_WIDTH / 2}
              y={ACTOR_TOP}
              width={ACTOR_WIDTH}
              height={ACTOR_HEIGHT}
              rx={6}
            />
            <text
              className={active ? 'actor-name active' : 'actor-name'}
              x={x}
              y={ACTOR_TOP + ACTOR_HEIGHT / 2 + 6}
              textAnchor="middle"
            >
              {ACTOR_NAMES[language][actor]}
            </text>
          </g>
        );
      })}
      <line
        className="lane request"
        x1={actorX('caller')}
        x2={actorX('service')}
        y1={REQUEST_LANE_Y}
        y2={REQUEST_LANE_Y}
        markerEnd="url(#step-arrow)"
      />
      <line
        className="lane reply"
        x1={actorX('service')}
        x2={actorX('caller')}
        y1={REPLY_LANE_Y}
        y2={REPLY_LANE_Y}
        markerEnd="url(#step-arrow)"
      />
      <defs>
        <marker
          id="step-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
        </marker>
      </defs>
      <g transform={`translate(${message.x} ${message.y})`}>
        <rect className="message-box" x={-22} y={-15} width={44} height={30} rx={5} />
        <text className="message-label" y={6} textAnchor="middle">
          {step}
        </text>
      </g>
    </svg>
  );
}
