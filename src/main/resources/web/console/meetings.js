// Meetings: a week calendar per room with its opening hours; book, change, cancel, invite, agenda, outcomes, answers.
import { t } from './i18n.js';
import { api, ApiError, idempotencyKey } from './api.js';
import { h, show, flash, field, localTime, loading, OFFSET } from './dom.js';

const FIRST_HOUR = 7;
const LAST_HOUR = 21;
const SLOT_MIN = 30;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Today in the rooms' zone as YYYY-MM-DD. */
function today() {
  return localTime(new Date().toISOString()).slice(0, 10);
}

function addDays(date, n) {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function mondayOf(date) {
  const d = new Date(date + 'T00:00:00Z');
  return addDays(date, -((d.getUTCDay() + 6) % 7));
}

function minutes(hhmm) {
  const [hh, mm] = hhmm.split(':').map(Number);
  return hh * 60 + mm;
}

function hhmm(total) {
  return String(Math.floor(total / 60)).padStart(2, '0') + ':' + String(total % 60).padStart(2, '0');
}

/** Is the room open over [from, to) minutes on weekday index day (0 = Monday)? [] opening ranges mean always. */
function isOpen(room, day, from, to) {
  if (!room.open.length) {
    return true;
  }
  return room.open.some((r) => r.days.includes(DAYS[day]) && minutes(r.from) <= from && to <= minutes(r.to));
}

export async function meetingsView(me, roomId, monday) {
  loading();
  let rooms;
  let members;
  try {
    [rooms, members] = await Promise.all([api('/api/rooms'), api('/api/members')]);
  } catch (e) {
    flash(t('failed') + e.message, 'error');
    return;
  }
  if (!rooms.length) {
    show(h('h2', {}, t('meetingsTitle')), h('p', {}, t('noMeetings')));
    return;
  }
  const room = rooms.find((r) => r.id === roomId) || rooms[0];
  const week = /^\d{4}-\d{2}-\d{2}$/.test(monday || '') ? mondayOf(monday) : mondayOf(today());
  let schedule;
  try {
    schedule = await api('/api/rooms/' + encodeURIComponent(room.id) + '/schedule?from='
      + encodeURIComponent(week + 'T00:00:00' + OFFSET) + '&to=' + encodeURIComponent(addDays(week, 7) + 'T00:00:00' + OFFSET));
  } catch (e) {
    flash(t('failed') + e.message, 'error');
    return;
  }
  render({ rooms, room, week, meetings: schedule.meetings, members });
}

function go(roomId, monday) {
  location.hash = '#/meetings/' + encodeURIComponent(roomId) + '/' + monday;
}

function render(state) {
  const { rooms, room, week } = state;
  const panel = h('div', { class: 'panel', id: 'meeting-panel' });
  const roomSelect = h('select', { onchange: (e) => go(e.target.value, week) },
    rooms.map((r) => h('option', { value: r.id, selected: r.id === room.id }, r.name)));
  show(
    h('h2', {}, t('meetingsTitle')),
    h('div', { class: 'toolbar' },
      field(t('room'), roomSelect),
      h('div', { class: 'weeknav', role: 'group', 'aria-label': t('week') },
        h('button', { type: 'button', onclick: () => go(room.id, addDays(week, -7)) }, '‹ ' + t('prevWeek')),
        h('button', { type: 'button', onclick: () => go(room.id, mondayOf(today())) }, t('thisWeek')),
        h('button', { type: 'button', onclick: () => go(room.id, addDays(week, 7)) }, t('nextWeek') + ' ›'))),
    h('p', { class: 'hours' }, t('openHours', { hours: room.hours || '—' }) + (room.address ? ' · ' + room.address : '')),
    h('div', { class: 'meetings-layout' }, calendar(state, panel), panel));
  bookForm(state, panel, week, '09:00');
}

function calendar(state, panel) {
  const { room, week, meetings } = state;
  const rows = (LAST_HOUR - FIRST_HOUR) * 60 / SLOT_MIN;
  const grid = h('div', { class: 'calendar', style: '--rows:' + rows, role: 'group',
    'aria-label': t('calendarLabel', { room: room.name, from: week, to: addDays(week, 6) }) });
  const times = h('div', { class: 'times', 'aria-hidden': 'true' }, h('div', { class: 'dayhead' }, ''));
  const body = h('div', { class: 'timecol' });
  for (let hour = FIRST_HOUR; hour < LAST_HOUR; hour++) {
    body.appendChild(h('div', { class: 'hour' }, hhmm(hour * 60)));
  }
  times.appendChild(body);
  grid.appendChild(times);
  for (let day = 0; day < 7; day++) {
    const date = addDays(week, day);
    const column = h('div', { class: 'daycol' });
    for (let slot = 0; slot < rows; slot++) {
      const from = FIRST_HOUR * 60 + slot * SLOT_MIN;
      const open = isOpen(room, day, from, from + SLOT_MIN);
      const label = t('weekday')[day] + ' ' + date.slice(5) + ' ' + hhmm(from);
      column.appendChild(open
        ? h('button', { type: 'button', class: 'slot open', tabindex: '-1', title: t('slotBook', { day: t('weekday')[day] + ' ' + date.slice(5), time: hhmm(from) }),
          'aria-label': t('slotBook', { day: label, time: '' }).trim(), 'data-date': date, 'data-time': hhmm(from),
          onclick: () => bookForm(state, panel, date, hhmm(from)) })
        : h('div', { class: 'slot closed' }));
    }
    for (const m of state.meetings.filter((x) => localTime(x.start).slice(0, 10) === date)) {
      const start = minutes(localTime(m.start).slice(11));
      const end = minutes(localTime(m.end).slice(11));
      const top = Math.max(0, start - FIRST_HOUR * 60) / SLOT_MIN;
      const span = Math.max(1, (Math.min(end, LAST_HOUR * 60) - Math.max(start, FIRST_HOUR * 60)) / SLOT_MIN);
      column.appendChild(h('button', { type: 'button', class: 'meeting' + (m.cancelled ? ' cancelled' : ''),
        style: '--top:' + top + ';--span:' + span, 'data-id': m.id,
        onclick: () => meetingPanel(state, panel, m.id) },
      h('span', { class: 'mtime' }, localTime(m.start).slice(11) + '–' + localTime(m.end).slice(11)), ' ',
      h('span', { class: 'mtitle' }, m.title + (m.cancelled ? t('cancelledTag') : ''))));
    }
    grid.appendChild(h('div', { class: 'day' }, h('div', { class: 'dayhead' }, t('weekday')[day] + ' ' + date.slice(5)), column));
  }
  const list = meetings.length ? null : h('p', { class: 'empty' }, t('noMeetings'));
  return h('div', { class: 'calendar-wrap' }, h('div', { class: 'scroller', role: 'region', tabindex: '0', 'aria-label': t('meetingsTitle') }, grid), list);
}

function memberPicker(members, chosen) {
  return h('fieldset', { class: 'members' }, h('legend', {}, t('mInvitees')),
    members.map((m) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'invitees', value: m.id, checked: chosen.includes(m.id) }), ' ', m.name || m.id)));
}

function meetingFields(state, values) {
  const inputs = {
    title: h('input', { name: 'title', type: 'text', required: true, maxlength: 100, value: values.title || '' }),
    date: h('input', { name: 'date', type: 'date', required: true, value: values.date }),
    start: h('input', { name: 'start', type: 'time', required: true, step: 300, value: values.start }),
    end: h('input', { name: 'end', type: 'time', required: true, step: 300, value: values.end }),
    issues: h('input', { name: 'issues', type: 'text', value: (values.issues || []).join(' '), spellcheck: 'false' })
  };
  const picker = memberPicker(state.members, values.invitees || []);
  const fields = [
    field(t('mTitle'), inputs.title),
    h('div', { class: 'row3' }, field(t('mDate'), inputs.date), field(t('mStart'), inputs.start), field(t('mEnd'), inputs.end)),
    field(t('mIssues'), inputs.issues),
    picker
  ];
  const read = () => ({
    room: state.room.id,
    title: inputs.title.value.trim(),
    start: inputs.date.value + 'T' + inputs.start.value + ':00' + OFFSET,
    end: inputs.date.value + 'T' + inputs.end.value + ':00' + OFFSET,
    issues: inputs.issues.value.split(/[\s,，、]+/).map((s) => s.trim().toUpperCase()).filter(Boolean),
    invitees: [...picker.querySelectorAll('input:checked')].map((i) => i.value)
  });
  return { fields, read, inputs };
}

function bookForm(state, panel, date, start) {
  const end = hhmm(Math.min(minutes(start) + 90, 23 * 60));
  const { fields, read, inputs } = meetingFields(state, { date, start, end });
  panel.replaceChildren(h('form', { class: 'card', 'aria-labelledby': 'book-title', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api('/api/meetings', { method: 'POST', body: read(), headers: { 'Idempotency-Key': idempotencyKey() } });
      flash(t('booked'), 'ok');
      await refresh(state, panel);
    } catch (err) {
      flash(t('refused', { why: err instanceof ApiError ? err.message : String(err) }), 'error');
    }
  } },
  h('h3', { id: 'book-title' }, t('bookTitle')), fields, h('button', { type: 'submit', class: 'primary' }, t('book'))));
  if (document.activeElement && document.activeElement.classList.contains('slot')) {
    inputs.title.focus();
  }
}

async function refresh(state, panel, openId) {
  const schedule = await api('/api/rooms/' + encodeURIComponent(state.room.id) + '/schedule?from='
    + encodeURIComponent(state.week + 'T00:00:00' + OFFSET) + '&to=' + encodeURIComponent(addDays(state.week, 7) + 'T00:00:00' + OFFSET));
  state.meetings = schedule.meetings;
  const wrap = document.querySelector('.calendar-wrap');
  wrap.replaceWith(calendar(state, panel));
  if (openId) {
    await meetingPanel(state, panel, openId);
  }
}

async function meetingPanel(state, panel, id) {
  let m;
  try {
    m = await api('/api/meetings/' + encodeURIComponent(id));
  } catch (e) {
    flash(t('failed') + e.message, 'error');
    return;
  }
  const values = {
    title: m.title, date: localTime(m.start).slice(0, 10), start: localTime(m.start).slice(11), end: localTime(m.end).slice(11),
    issues: m.issues, invitees: m.invitees
  };
  const { fields, read, inputs } = meetingFields(state, values);
  const names = Object.fromEntries(state.members.map((x) => [x.id, x.name || x.id]));
  const answer = (a) => (!a ? t('noAnswer') : a === 'attend' ? t('ans_accepted') : a.startsWith('leave') ? t('ans_declined') + a.slice(5).replace(/^:\s*/, '：') : a);
  const outcomes = Object.fromEntries(m.issues.map((no) => [no, h('textarea', { name: 'outcome-' + no, rows: 2 })]));
  const write = async (method, path, body, done) => {
    try {
      await api(path, { method, body, headers: { 'Idempotency-Key': idempotencyKey() } });
      flash(done, 'ok');
      await refresh(state, panel, method === 'DELETE' ? null : id);
      if (method === 'DELETE') {
        bookForm(state, panel, values.date, values.start);
      }
    } catch (err) {
      flash(t('refused', { why: err instanceof ApiError ? err.message : String(err) }), 'error');
    }
  };
  panel.replaceChildren(
    h('form', { class: 'card', 'aria-labelledby': 'edit-title', onsubmit: (e) => { e.preventDefault(); write('PATCH', '/api/meetings/' + id, read(), t('saved')); } },
      h('h3', { id: 'edit-title' }, t('editTitle', { title: m.title }) + (m.cancelled ? t('cancelledTag') : '')),
      fields,
      h('div', { class: 'buttons' },
        h('button', { type: 'submit', class: 'primary', disabled: m.cancelled }, t('save')),
        h('button', { type: 'button', class: 'danger', disabled: m.cancelled, onclick: () => {
          if (confirm(t('confirmCancel'))) {
            write('DELETE', '/api/meetings/' + id, undefined, t('cancelled'));
          }
        } }, t('cancelMeeting')))),
    h('section', { class: 'card', 'aria-labelledby': 'att-title' },
      h('h3', { id: 'att-title' }, t('attendance')),
      h('ul', {}, m.invitees.map((who) => h('li', {}, names[who] || who, '：', answer(m.attendance[who]))))),
    m.issues.length && !m.cancelled ? h('form', { class: 'card', 'aria-labelledby': 'out-title', onsubmit: (e) => {
      e.preventDefault();
      const given = Object.fromEntries(Object.entries(outcomes).map(([no, el]) => [no, el.value.trim()]).filter(([, v]) => v));
      write('POST', '/api/meetings/' + id + '/outcomes', { outcomes: given }, t('outcomesSaved'));
    } },
    h('h3', { id: 'out-title' }, t('outcomesTitle')),
    Object.entries(outcomes).map(([no, el]) => field(no, el)),
    h('button', { type: 'submit' }, t('recordOutcomes'))) : null);
  inputs.title.focus();
}
