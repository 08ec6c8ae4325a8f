// The queue of one place in scope, or of all of them: flags, supporters, age; filters and search.
import { t } from './i18n.js';
import { api, ApiError } from './api.js';
import { h, show, flash, field, scroller, statusWord, loading } from './dom.js';

const TRACKING = /^[A-Za-z]{2,4}-\d{8}-\d{4}$/;
const filters = { status: '', level: '', category: '', words: '' };

/** Queues of several places, a few requests at a time; an issue listed by both a town and a village shows once. */
async function load(places) {
  const seen = new Map();
  const queue = [...places];
  async function worker() {
    while (queue.length) {
      const place = queue.shift();
      const body = await api('/api/queues?place=' + encodeURIComponent(place));
      for (const issue of body.issues) {
        if (!seen.has(issue.id)) {
          seen.set(issue.id, issue);
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(6, places.length) }, worker));
  return [...seen.values()];
}

export async function queueView(me, place) {
  loading();
  const places = me.places.map((p) => p.place);
  const chosen = place && places.includes(place) ? place : '';
  let issues;
  try {
    issues = await load(chosen ? [chosen] : places);
  } catch (e) {
    flash(t('failed') + e.message, 'error');
    return;
  }
  // the order of one queue is its priority; across places, the oldest first
  if (!chosen) {
    issues.sort((a, b) => a.created_at.localeCompare(b.created_at));
  }
  render(me, chosen, issues);
}

function render(me, chosen, issues) {
  const placeSelect = h('select', { onchange: (e) => { location.hash = '#/queue/' + encodeURIComponent(e.target.value); } },
    h('option', { value: '' }, t('allPlaces')),
    me.places.map((p) => h('option', { value: p.place, selected: p.place === chosen }, p.place)));
  const categories = [...new Set(issues.map((i) => i.category).filter(Boolean))].sort();
  const select = (key, options) => h('select', { onchange: (e) => { filters[key] = e.target.value; draw(); } },
    h('option', { value: '' }, t('any')),
    options.map(([value, label]) => h('option', { value, selected: filters[key] === value }, label)));
  const statuses = ['received', 'accepted', 'scheduled', 'consulted', 'reported'].map((s) => [s, statusWord(s)]);
  const search = h('input', { type: 'search', value: filters.words, enterkeyhint: 'search' });
  const results = h('div', { class: 'results' });
  const count = h('p', { class: 'count', role: 'status' });

  function matches(issue) {
    const words = filters.words.trim().toLowerCase();
    return (!filters.status || issue.status === filters.status)
      && (!filters.level || issue.level === filters.level)
      && (!filters.category || issue.category === filters.category)
      && (!words || [issue.id, issue.title, issue.text, issue.village, issue.town].join(' ').toLowerCase().includes(words));
  }

  function draw() {
    const shown = issues.filter(matches);
    count.textContent = t('count', { n: shown.length });
    results.replaceChildren(shown.length ? table(shown) : h('p', { class: 'empty' }, t('noIssues')));
  }

  async function find(e) {
    e.preventDefault();
    filters.words = search.value;
    const words = search.value.trim();
    if (TRACKING.test(words) && !issues.some((i) => i.id === words.toUpperCase())) {
      try {
        await api('/api/issues/' + encodeURIComponent(words.toUpperCase()));
        location.hash = '#/issue/' + words.toUpperCase();
        return;
      } catch (err) {
        flash(err instanceof ApiError ? err.message : String(err), 'error');
      }
    }
    draw();
  }

  show(
    h('h2', {}, t('queueTitle') + (chosen ? ' · ' + chosen : '')),
    h('form', { class: 'filters', onsubmit: find, role: 'search' },
      field(t('place'), placeSelect),
      field(t('status'), select('status', statuses)),
      field(t('level'), select('level', [['town', t('town')], ['village', t('village')]])),
      field(t('category'), select('category', categories.map((c) => [c, c]))),
      h('div', { class: 'search' }, field(t('search'), search), h('button', { type: 'submit' }, t('searchGo')))),
    count,
    results);
  search.addEventListener('input', () => { filters.words = search.value; draw(); });
  draw();
}

/** The queue as a table; on a phone each row shows as a card, its cells labelled (data-label, see console.css). */
function table(issues) {
  const now = Date.now();
  const cols = [t('colNo'), t('colTitle'), t('colPlace'), t('colStatus'), t('colLevel'), t('colSupporters'), t('colAge'), t('colFlags')];
  return scroller(t('queueTitle'), h('table', { class: 'queue' },
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, issues.map((i) => h('tr', { class: i.overdue ? 'overdue' : '' },
      h('td', { class: 'nowrap', 'data-label': cols[0] }, h('a', { href: '#/issue/' + encodeURIComponent(i.id) }, i.id)),
      h('td', { 'data-label': cols[1] }, i.title),
      h('td', { 'data-label': cols[2] }, i.village ? i.town + ' ' + i.village : i.town),
      h('td', { 'data-label': cols[3] }, statusWord(i.status)),
      h('td', { 'data-label': cols[4] }, t(i.level)),
      h('td', { class: 'num', 'data-label': cols[5] }, i.supporters),
      h('td', { class: 'num', 'data-label': cols[6] }, t('days', { n: Math.floor((now - Date.parse(i.created_at)) / 86400000) })),
      h('td', { 'data-label': cols[7] },
        i.overdue ? h('span', { class: 'flag bad' }, t('overdue')) : null,
        i.needs_review ? h('span', { class: 'flag warn' }, t('review')) : null))))));
}
