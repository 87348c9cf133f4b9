/** The Grunig classification: the four model scores as bars, and the D × S plane for the brand's P. */
import type { Component } from '../../modules/scoring/component';
import { label, percent, words } from './format';
import { labelPoint, modelAt, regions, type Model } from './grunig-plane';
import { Bar, Card, html, Num } from './ui';

const FILL: Record<Model, string> = {
  PRESS_AGENTRY: '#fbe3d6',
  PUBLIC_INFORMATION: '#fdf1c7',
  TWO_WAY_ASYMMETRICAL: '#dbe7fb',
  TWO_WAY_SYMMETRICAL: '#d8f0e2',
};
const PATTERN: Record<Model, string> = {
  PRESS_AGENTRY: 'url(#hatch)',
  PUBLIC_INFORMATION: 'url(#dots)',
  TWO_WAY_ASYMMETRICAL: 'none',
  TWO_WAY_SYMMETRICAL: 'none',
};
const SIZE = 220;
const PAD = 34;
const x = (d: number) => PAD + d * SIZE;
const y = (s: number) => 8 + (1 - s) * SIZE;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function GrunigCard(props: { c: any }) {
  const c = props.c;
  const p: number = c.promotion;
  const here = modelAt(c.direction, c.symmetry, p);
  const parts = regions(p);
  return html`<${Card} title="Grunig model">
    <p class="headline" data-testid="model" data-model=${c.model ?? ''}>
      ${c.insufficientData ? 'Not enough data' : label(c.model)}
      ${c.mixedMotive && html`<span class="tag">mixed motive</span>`}
    </p>
    <p class="note">Confidence <${Num} value=${c.confidence} text=${percent(c.confidence)} testid="confidence" />${' · direction D '}<${Num} value=${c.direction} text=${c.direction.toFixed(2)} testid="direction" />${' · symmetry S '}<${Num} value=${c.symmetry} text=${c.symmetry.toFixed(2)} testid="symmetry" />${' · promotion P '}<${Num} value=${c.promotion} text=${c.promotion.toFixed(2)} testid="promotion" /></p>
    <div class="grunig">
      <ul class="model-scores" aria-label="Model scores (they sum to 100 %)">
        ${c.scores.map(
          (s: { model: Model; score: number }) =>
            html`<li data-model=${s.model}>
              <span class="count-label">${label(s.model)}${s.model === c.model ? ' ✓' : ''}</span>
              <${Bar} value=${s.score} text=${percent(s.score)} />
            </li>`,
        )}
      </ul>
      <svg class="plane" viewBox=${`0 0 ${SIZE + PAD + 8} ${SIZE + 44}`} role="img" data-testid="plane" data-region=${here}
        aria-label=${`Direction × symmetry plane at promotion ${p.toFixed(2)}: the point lies in the ${label(here)} region`}>
        <defs>
          <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6" stroke="#e3b79c" stroke-width="1.5" /></pattern>
          <pattern id="dots" width="6" height="6" patternUnits="userSpaceOnUse"><circle cx="3" cy="3" r="1" fill="#d9c27a" /></pattern>
        </defs>
        ${parts.map(
          (r) =>
            html`<g data-region=${r.model}>
              <polygon
                points=${r.points.map(([d, s]) => `${x(d)},${y(s)}`).join(' ')}
                fill=${FILL[r.model]}
                stroke="#c9ced6"
                stroke-width="0.5"
              />
              <polygon
                points=${r.points.map(([d, s]) => `${x(d)},${y(s)}`).join(' ')}
                fill=${PATTERN[r.model]}
              />
            </g>`,
        )}
        ${parts.map((r) => {
          const [d, s] = labelPoint(r.model, p);
          return html`<text
            x=${x(d)}
            y=${y(s)}
            text-anchor=${d > 0.5 ? 'middle' : 'start'}
            class=${r.model === 'TWO_WAY_SYMMETRICAL' || r.model === 'TWO_WAY_ASYMMETRICAL' ? 'plane-label' : 'plane-label one-way'}
            >${d > 0.5 ? label(r.model).replace('Two-way ', '2-way ') : label(r.model)}</text
          >`;
        })}
        <rect x=${PAD} y="8" width=${SIZE} height=${SIZE} fill="none" stroke="#8a93a1" />
        <text x=${PAD + SIZE / 2} y=${SIZE + 40} text-anchor="middle" class="axis-label">direction D: one-way → two-way</text>
        <text x="12" y=${8 + SIZE / 2} transform=${`rotate(-90 12 ${8 + SIZE / 2})`} text-anchor="middle" class="axis-label">symmetry S: persuade → adapt</text>
        <text x=${PAD} y=${SIZE + 22} class="tick">0</text><text x=${PAD + SIZE} y=${SIZE + 22} text-anchor="end" class="tick">1</text>
        ${
          !c.insufficientData &&
          html`<g data-testid="plane-dot">
            <circle
              cx=${x(c.direction)}
              cy=${y(c.symmetry)}
              r="7"
              fill="#1f2937"
              stroke="#fff"
              stroke-width="2" />
            <circle cx=${x(c.direction)} cy=${y(c.symmetry)} r="2" fill="#fff"
          /></g>`
        }
      </svg>
    </div>
    <details class="why">
      <summary>Evidence behind D, S and P</summary>
      <table class="plain">
        <thead><tr><th scope="col">Evidence</th><th scope="col" class="n">Weight</th><th scope="col" class="n">Value</th><th scope="col" class="n">Numerator / denominator</th></tr></thead>
        <tbody>${c.evidence.map(
          (e: Component) =>
            html`<tr>
              <td>${words(e.name)}</td>
              <td class="n">${e.weight.toFixed(2)}</td>
              <td class="n">
                <${Num} value=${e.value} text=${e.applicable ? percent(e.value) : 'n/a'} />
              </td>
              <td class="n" title=${`${e.numerator} / ${e.denominator}`}>
                ${+e.numerator.toFixed(2)} / ${+e.denominator.toFixed(2)}
              </td>
            </tr>`,
        )}</tbody>
      </table>
    </details>
  </${Card}>`;
}
