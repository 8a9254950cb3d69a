// The Timeline tab: a Gantt chart of the forecast's levelled schedule, one lane per person, the critical
// chain marked, a today line, and an issue's open blockers drawn to it on hover or focus. SVG built with
// dom.js (text from the store stays text); geometry as attributes, colours in forecast.css.
import { h, replaceChildren, s } from './dom.js';
import { plural } from './format.js';
import { timelineModel } from './timeline-model.js';

/**
 * @typedef {import('./timeline-model.js').Levelled} Levelled
 * @typedef {import('./timeline-model.js').Bar} Bar
 * @typedef {{ levelled: Levelled, team: { name: string }[], start: string }} TimelineForecast
 * @typedef {{ key: string, title: string, blockedBy: string[] }} TimelineIssue
 */

const LABEL_WIDTH = 120;
const LANE_HEIGHT = 30;
const BAR_HEIGHT = 20;
const AXIS_HEIGHT = 26;
const TICK_LABEL_ROOM = 76;
const MIN_DAY_WIDTH = 6;

/**
 * @param {HTMLElement} pane
 * @param {{ onSelect: (key: string) => void }} actions
 */
export function createTimelineView(pane, actions) {
  const caption = h('p', { class: 'muted timeline-caption' });
  const scroller = h('div', { class: 'timeline-scroll' });
  replaceChildren(pane, caption, scroller);

  return {
    /**
     * @param {TimelineForecast} forecast
     * @param {TimelineIssue[]} issues
     * @param {{ today: string, projectStart: string | null }} when ISO dates; the project's start setting
     */
    update(forecast, issues, { today, projectStart }) {
      const model = timelineModel(forecast.levelled, forecast.team, issues, { start: projectStart, today });
      const count = forecast.levelled.schedule.length;
      caption.textContent =
        count === 0
          ? 'Nothing is open: there is nothing to schedule.'
          : `${plural(count, 'open issue')} levelled over ${plural(forecast.team.length, 'person', 'people')} on the most likely estimates, ` +
            `done ${forecast.levelled.finishDate}. Red: the critical chain. Hover or focus an issue to see what it waits for.`;
      const dayWidth = Math.max(MIN_DAY_WIDTH, (scroller.clientWidth - LABEL_WIDTH - 16) / model.days);
      replaceChildren(scroller, count === 0 ? null : chart(model, dayWidth, actions));
    },
    /**
     * No forecast to draw (it runs past the calendar, or failed): says why instead.
     * @param {string} detail the service's words
     */
    unavailable(detail) {
      caption.textContent = `No schedule: ${detail}`;
      replaceChildren(scroller, null);
    },
  };
}

/**
 * @param {import('./timeline-model.js').Timeline} model
 * @param {number} dayWidth
 * @param {{ onSelect: (key: string) => void }} actions
 */
function chart(model, dayWidth, actions) {
  const width = LABEL_WIDTH + model.days * dayWidth + 16;
  const height = AXIS_HEIGHT + model.lanes.length * LANE_HEIGHT + 8;
  const x = (/** @type {number} */ day) => LABEL_WIDTH + day * dayWidth;
  const laneY = (/** @type {number} */ lane) => AXIS_HEIGHT + lane * LANE_HEIGHT;
  const deps = s('g', { class: 'timeline-deps' });

  // A date label is ~70 px wide: on a narrow chart (a phone) keep only ticks that leave room for it.
  let lastX = Number.NEGATIVE_INFINITY;
  const spaced = model.ticks.filter((t) => {
    if (x(t.day) - lastX < TICK_LABEL_ROOM) return false;
    lastX = x(t.day);
    return true;
  });
  const axis = spaced.map((t) =>
    s(
      'g',
      { class: 'timeline-tick' },
      s('line', { x1: x(t.day), x2: x(t.day), y1: AXIS_HEIGHT - 6, y2: height }),
      s('text', { x: x(t.day) + 3, y: AXIS_HEIGHT - 10 }, t.label),
    ),
  );
  const lanes = model.lanes.map((lane, i) =>
    s(
      'g',
      { class: `timeline-lane${i % 2 === 1 ? ' odd' : ''}`, 'data-lane': lane.name },
      s('rect', { x: 0, y: laneY(i), width, height: LANE_HEIGHT, class: 'timeline-lane-bg' }),
      s('text', { x: 6, y: laneY(i) + LANE_HEIGHT / 2 + 4, class: 'timeline-lane-name' }, lane.name),
    ),
  );

  /** @param {Bar} bar */
  const barY = (bar) => laneY(bar.lane) + (LANE_HEIGHT - BAR_HEIGHT) / 2;
  /** @param {Bar | undefined} bar */
  const element = (bar) =>
    bar === undefined ? null : svg.querySelector(`[data-key="${CSS.escape(bar.key)}"]`);
  /** @param {Bar} bar */
  const showDependencies = (bar) => {
    clearDependencies();
    for (const key of bar.blockedBy) {
      const blocker = model.bars.get(key);
      if (blocker === undefined) continue;
      element(blocker)?.classList.add('blocks-hovered');
      const x1 = x(blocker.finishDay);
      const y1 = barY(blocker) + BAR_HEIGHT / 2;
      const x2 = x(bar.startDay);
      const y2 = barY(bar) + BAR_HEIGHT / 2;
      const bend = Math.max(8, (x2 - x1) / 2);
      deps.appendChild(
        s('path', {
          class: 'timeline-dep',
          'data-from': blocker.key,
          'data-to': bar.key,
          d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
        }),
      );
    }
  };
  const clearDependencies = () => {
    deps.replaceChildren();
    for (const el of svg.querySelectorAll('.blocks-hovered')) el.classList.remove('blocks-hovered');
  };

  const bars = [...model.bars.values()].map((bar) => {
    const y = barY(bar);
    const label = `${bar.key}: ${bar.title}. ${bar.start} to ${bar.finish}${bar.critical ? ', on the critical chain' : ''}`;
    const zero = bar.finishDay === bar.startDay;
    const w = Math.max(2, (bar.finishDay - bar.startDay) * dayWidth);
    const shape = zero
      ? s('path', {
          class: 'timeline-milestone',
          d: `M${x(bar.startDay)},${y} l${BAR_HEIGHT / 2},${BAR_HEIGHT / 2} l${-BAR_HEIGHT / 2},${BAR_HEIGHT / 2} l${-BAR_HEIGHT / 2},${-BAR_HEIGHT / 2}z`,
        })
      : s('rect', { x: x(bar.startDay), y, width: w, height: BAR_HEIGHT, rx: 3 });
    const text =
      w >= 8 * bar.key.length
        ? s('text', { x: x(bar.startDay) + 4, y: y + BAR_HEIGHT / 2 + 4 }, bar.key)
        : null;
    return s(
      'g',
      {
        class: `timeline-bar${bar.critical ? ' critical' : ''}`,
        'data-key': bar.key,
        tabindex: 0,
        role: 'button',
        'aria-label': label,
        on: {
          mouseenter: () => showDependencies(bar),
          focus: () => showDependencies(bar),
          mouseleave: clearDependencies,
          blur: clearDependencies,
          click: () => actions.onSelect(bar.key),
          keydown: (event) => {
            const key = /** @type {KeyboardEvent} */ (event).key;
            if (key === 'Enter' || key === ' ') {
              event.preventDefault();
              actions.onSelect(bar.key);
            }
          },
        },
      },
      s('title', null, label),
      shape,
      text,
    );
  });

  const today =
    model.todayDay === null
      ? null
      : s(
          'g',
          { class: 'timeline-today' },
          s('line', { x1: x(model.todayDay), x2: x(model.todayDay), y1: AXIS_HEIGHT - 4, y2: height }),
          s('text', { x: x(model.todayDay) + 3, y: height - 4 }, 'today'),
        );

  const svg = s(
    'svg',
    {
      class: 'timeline',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'group',
      'aria-label': 'Levelled schedule, one lane per person',
    },
    lanes,
    axis,
    deps,
    bars,
    today,
  );
  return svg;
}
