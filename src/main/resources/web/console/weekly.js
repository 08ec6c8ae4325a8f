// The weekly progress table as on the API, a bar chart per town, a line chart of the last 12 weeks, downloads.
/* global echarts */
import { t, lang } from './i18n.js';
import { api, download } from './api.js';
import { h, show, flash, field, scroller, loading } from './dom.js';

const BARS = ['received', 'consulted', 'reported', 'closed', 'overdue'];
const COLUMNS = ['received', 'accepted', 'consulted', 'reported', 'closed', 'open_at_end', 'overdue', 'activities_this_week', 'satisfaction_rate'];
const COLORS = ['#0b3d91', '#0a6b2a', '#8a4b00', '#4b4b4b', '#a00000'];
const charts = [];

export async function weeklyView(week) {
  loading();
  const query = week && /^\d{4}-W\d{2}$/.test(week) ? '?week=' + week : '';
  let table;
  let series;
  try {
    table = await api('/api/reports/weekly' + query);
    series = await api('/api/reports/weekly/series?weeks=12&to=' + table.week);
  } catch (e) {
    flash(t('failed') + e.message, 'error');
    return;
  }
  render(table, series.weeks);
}

function render(table, weeks) {
  const weekInput = h('input', { type: 'week', value: table.week, onchange: (e) => { if (e.target.value) { location.hash = '#/weekly/' + e.target.value; } } });
  const bars = h('div', { class: 'chart', role: 'img', 'aria-label': t('chartAlt', { what: t('chartTowns') }) });
  const lines = h('div', { class: 'chart', role: 'img', 'aria-label': t('chartAlt', { what: t('chartWeeks') }) });
  const name = (f) => 'weekly-' + table.week + '.' + f;
  const file = (f) => h('button', { type: 'button', onclick: () => download('/api/reports/weekly?week=' + table.week + '&format=' + f + (lang === 'en' ? '&lang=en' : ''), name(f)).catch((e) => flash(t('failed') + e.message, 'error')) }, t('download', { f: f.toUpperCase() }));
  show(
    h('h2', {}, t('weeklyTitle') + ' · ' + table.week + '（' + table.from + ' – ' + table.to + '）'),
    h('div', { class: 'toolbar' }, field(t('week'), weekInput), h('div', { class: 'buttons' }, file('xlsx'), file('csv'), file('md'))),
    h('div', { class: 'charts' },
      h('figure', { class: 'card' }, h('figcaption', {}, t('chartTowns')), bars),
      h('figure', { class: 'card' }, h('figcaption', {}, t('chartWeeks')), lines)),
    scroller(t('weeklyTitle'), h('table', { class: 'weekly' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('c_town')), COLUMNS.map((c) => h('th', { scope: 'col' }, t('c_' + c))))),
      h('tbody', {}, table.rows.map((r) => row(r, r.town))),
      h('tfoot', {}, row(table.total, t('total'))))));
  draw(bars, lines, table, weeks);
}

function cell(value, column) {
  if (value === null || value === undefined) {
    return '—';
  }
  return column === 'satisfaction_rate' ? Math.round(value * 100) + '%' : String(value);
}

function row(r, label) {
  return h('tr', {}, h('th', { scope: 'row' }, label), COLUMNS.map((c) => h('td', { class: 'num' }, cell(r[c], c))));
}

function draw(barsEl, linesEl, table, weeks) {
  while (charts.length) {
    charts.pop().dispose();
  }
  if (typeof echarts === 'undefined') {
    return;
  }
  const text = { fontSize: 16 };
  const legend = { top: 0, textStyle: text };
  const bars = echarts.init(barsEl, null, { renderer: 'svg' });
  bars.setOption({
    color: COLORS,
    aria: { enabled: false },
    animation: false,
    tooltip: { trigger: 'axis' },
    legend,
    grid: { left: 48, right: 16, top: 48, bottom: 96 },
    xAxis: { type: 'category', data: table.rows.map((r) => r.town), axisLabel: { rotate: 40, fontSize: 14, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: text },
    series: BARS.map((k) => ({ name: t('c_' + k), type: 'bar', data: table.rows.map((r) => r[k]) }))
  });
  const lines = echarts.init(linesEl, null, { renderer: 'svg' });
  lines.setOption({
    color: COLORS,
    aria: { enabled: false },
    animation: false,
    tooltip: { trigger: 'axis' },
    legend,
    grid: { left: 48, right: 16, top: 48, bottom: 40 },
    xAxis: { type: 'category', data: weeks.map((w) => w.week.slice(5)), axisLabel: text },
    yAxis: { type: 'value', minInterval: 1, axisLabel: text },
    series: BARS.map((k) => ({ name: t('c_' + k), type: 'line', data: weeks.map((w) => w.total[k]) }))
  });
  charts.push(bars, lines);
}

window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
