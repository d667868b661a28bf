import { useEffect, useRef, useState } from 'react';
import type { Language } from '../../../../shared/language';
import type { StepNumber } from '../../../../shared/steps/call-stamps';
import {
  ACTOR_NAMES,
  ACTORS,
  type Actor,
  stepEntry,
} from '../../../../shared/steps/step-catalogue';
import {
  ACTOR_HEIGHT,
  ACTOR_TOP,
  actorWidth,
  actorX,
  DIAGRAM_HEIGHT,
  DIAGRAM_WIDTH,
  messagePoint,
  NARROWEST_WIDTH,
  REPLY_LANE_Y,
  REQUEST_LANE_Y,
} from './diagram-geometry';

/**
 * The five actors left to right, the request lane (→) and the reply lane (←),
 * and the message where the playhead puts it. `blackBox` draws steps 4–9 as
 * one span nobody saw inside. With `fit` (projection mode) it is laid out as
 * wide as it is drawn, down to NARROWEST_WIDTH, so that on a projector's half
 * screen its names keep their size rather than shrink with the whole.
 */
export function StepDiagram(props: {
  position: number;
  step: StepNumber;
  language: Language;
  blackBox: boolean;
  label: string;
  blackBoxLabel: string;
  fit: boolean;
}) {
  const { position, step, language, blackBox, fit } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const [drawnWidth, setDrawnWidth] = useState(DIAGRAM_WIDTH);
  // Watched only while fitting: otherwise a resize changes nothing drawn.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !fit) return;
    const observer = new ResizeObserver(() => setDrawnWidth(svg.clientWidth || DIAGRAM_WIDTH));
    observer.observe(svg);
    return () => observer.disconnect();
  }, [fit]);
  const width = fit
    ? Math.round(Math.min(DIAGRAM_WIDTH, Math.max(NARROWEST_WIDTH, drawnWidth)))
    : DIAGRAM_WIDTH;
  const x = (actor: Actor) => actorX(actor, width);
  const boxWidth = actorWidth(width);
  const entry = stepEntry(step);
  const message = messagePoint(position, width);
  const serverLeft = x('server-stub') - boxWidth / 2 - 10;
  const serverRight = x('service') + boxWidth / 2 + 10;
  return (
    <svg
      ref={svgRef}
      className="step-diagram"
      viewBox={`0 0 ${width} ${DIAGRAM_HEIGHT}`}
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
        const at = x(actor);
        const active = actor === entry.actor || actor === entry.at;
        return (
          <g key={actor}>
            <line
              className="lifeline"
              x1={at}
              x2={at}
              y1={ACTOR_TOP + ACTOR_HEIGHT}
              y2={DIAGRAM_HEIGHT - 20}
            />
            <rect
              className={active ? 'actor-box active' : 'actor-box'}
              x={at - boxWidth / 2}
              y={ACTOR_TOP}
              width={boxWidth}
              height={ACTOR_HEIGHT}
              rx={6}
            />
            <text
              className={active ? 'actor-name active' : 'actor-name'}
              x={at}
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
        x1={x('caller')}
        x2={x('service')}
        y1={REQUEST_LANE_Y}
        y2={REQUEST_LANE_Y}
        markerEnd="url(#step-arrow)"
      />
      <line
        className="lane reply"
        x1={x('service')}
        x2={x('caller')}
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
