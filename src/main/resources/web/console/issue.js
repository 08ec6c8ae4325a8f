// One issue: its text (masked as for staff), place, level, history; every action of the life cycle; possible duplicates.
import { t } from './i18n.js';
import { api, ApiError, idempotencyKey } from './api.js';
import { h, show, flash, field, scroller, statusWord, localTime, loading } from './dom.js';

/** The fields each action needs, as the API reads them. */
const ACTIONS = {
  accept: [],
  move_up: ['reason'],
  move_down: ['reason'],
  merge_into: ['target'],
  reject: ['reason'],
  schedule: ['note'],
  record_outcome: ['outcome'],
  report: [],
  close: []
};

export async function issueView(number) {
  loading();
  let issue;
  try {
    issue = await api('/api/issues/' + encodeURIComponent(number));
  } catch (e) {
    flash(t('failed') + e.message, 'error');
    return;
  }
  render(issue);
}

async function act(issue, action, fields) {
  try {
    const changed = await api('/api/issues/' + encodeURIComponent(issue.id) + '/transitions', {
      method: 'POST',
      body: { action, ...fields },
      headers: { 'Idempotency-Key': idempotencyKey() }
    });
    render(changed);
    flash(t('done', { what: t('a_' + action) }), 'ok');
  } catch (e) {
    flash(t('refused', { why: e instanceof ApiError ? e.message : String(e) }), 'error');
  }
}

function render(issue) {
  const duplicates = h('section', { class: 'card', 'aria-labelledby': 'dup-title' }, h('h3', { id: 'dup-title' }, t('duplicates')), h('p', {}, t('loading')));
  show(
    h('p', {}, h('a', { href: '#/queue' }, '← ' + t('back'))),
    h('h2', {}, t('issueTitle', { no: issue.id }) + ' · ' + issue.title),
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-label': t('text') },
        h('dl', { class: 'facts' },
          h('dt', {}, t('colStatus')), h('dd', {}, statusWord(issue.status)),
          h('dt', {}, t('colPlace')), h('dd', {}, issue.village ? issue.town + ' ' + issue.village : issue.town),
          h('dt', {}, t('colLevel')), h('dd', {}, t(issue.level), issue.needs_review ? h('span', { class: 'flag warn' }, t('review')) : null),
          h('dt', {}, t('category')), h('dd', {}, issue.category || '—'),
          h('dt', {}, t('supporters')), h('dd', {}, String(issue.supporters)),
          h('dt', {}, t('createdAt')), h('dd', {}, localTime(issue.created_at)),
          issue.outcome ? [h('dt', {}, t('outcome')), h('dd', {}, issue.outcome)] : null,
          issue.merged_into ? [h('dt', {}, t('mergedInto')), h('dd', {}, h('a', { href: '#/issue/' + issue.merged_into }, issue.merged_into))] : null),
        h('h3', {}, t('text')),
        h('p', { class: 'issue-text' }, issue.text)),
      actionForm(issue)),
    duplicates,
    h('section', { class: 'card', 'aria-labelledby': 'history-title' },
      h('h3', { id: 'history-title' }, t('history')),
      scroller(t('history'), h('table', { class: 'history' },
        h('thead', {}, h('tr', {}, [t('hWhen'), t('hWho'), t('hWhat'), t('hWhy')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, issue.history.map((e) => h('tr', {},
          h('td', { class: 'nowrap' }, localTime(e.at)),
          h('td', {}, e.by),
          h('td', {}, (t('a_' + e.action) !== 'a_' + e.action ? t('a_' + e.action) : e.action)
            + (e.from !== e.to ? '（' + statusWord(e.from) + ' → ' + statusWord(e.to) + '）' : '')),
          h('td', {}, e.note || '')))))))
  );
  loadDuplicates(issue, duplicates);
}

function actionForm(issue) {
  const choice = h('select', { name: 'action' }, Object.keys(ACTIONS).map((a) => h('option', { value: a }, t('a_' + a))));
  const inputs = {
    reason: h('input', { name: 'reason', type: 'text', maxlength: 500 }),
    target: h('input', { name: 'target', type: 'text', maxlength: 20, autocapitalize: 'characters', spellcheck: 'false' }),
    note: h('input', { name: 'note', type: 'text', maxlength: 500 }),
    outcome: h('textarea', { name: 'outcome', rows: 3, maxlength: 2000 })
  };
  const labels = { reason: t('f_reason'), target: t('f_target'), note: t('f_note'), outcome: t('f_outcome') };
  const wrappers = Object.fromEntries(Object.entries(inputs).map(([k, input]) => [k, field(labels[k], input)]));
  function needed() {
    const wanted = ACTIONS[choice.value];
    for (const [k, wrapper] of Object.entries(wrappers)) {
      wrapper.hidden = !wanted.includes(k);
      inputs[k].required = wanted.includes(k);
    }
  }
  choice.addEventListener('change', needed);
  needed();
  const form = h('form', { class: 'card actions', 'aria-labelledby': 'actions-title', onsubmit: (e) => {
    e.preventDefault();
    const fields = {};
    for (const k of ACTIONS[choice.value]) {
      fields[k] = inputs[k].value.trim();
    }
    act(issue, choice.value, fields);
  } },
  h('h3', { id: 'actions-title' }, t('actions')),
  field(t('chooseAction'), choice),
  Object.values(wrappers),
  h('button', { type: 'submit', class: 'primary' }, t('actions')));
  return form;
}

async function loadDuplicates(issue, section) {
  const title = section.querySelector('h3');
  let body;
  try {
    body = await api('/api/issues/' + encodeURIComponent(issue.id) + '/duplicates');
  } catch (e) {
    section.replaceChildren(title, h('p', {}, t('failed') + e.message));
    return;
  }
  if (!body.candidates.length) {
    section.replaceChildren(title, h('p', {}, t('noDuplicates')));
    return;
  }
  section.replaceChildren(title, h('ul', { class: 'duplicates' }, body.candidates.map((c) => h('li', {},
    h('a', { href: '#/issue/' + encodeURIComponent(c.id) }, c.id), ' ', c.title,
    h('span', { class: 'meta' }, ' · ' + statusWord(c.status) + ' · ' + t('supporters') + ' ' + c.supporters
      + ' · ' + t('similarity') + ' ' + Math.round(c.similarity * 100) + '%'),
    ' ',
    h('button', { type: 'button', onclick: () => act(issue, 'merge_into', { target: c.id }) }, t('mergeHere', { no: c.id }))))));
}
