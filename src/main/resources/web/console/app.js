// The staff console: sign-in, the navigation and a hash router over the views (#/queue, #/issue/NO, #/meetings, #/weekly).
import { t, lang } from './i18n.js';
import { api, token, whenUnauthorized } from './api.js';
import { h, show, flash, field } from './dom.js';
import { queueView } from './queue.js';
import { issueView } from './issue.js';
import { meetingsView } from './meetings.js';
import { weeklyView } from './weekly.js';

const session = { me: null };

function chrome() {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.title = t('title');
  document.getElementById('brand').textContent = t('title');
  document.getElementById('skip').textContent = t('skip');
  const switcher = document.getElementById('lang');
  switcher.textContent = t('switchLang');
  switcher.href = t('switchHref') + location.hash;
  switcher.lang = lang === 'en' ? 'zh-CN' : 'en';
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('title'));
  nav.replaceChildren(
    h('a', { href: '#/queue', 'data-view': 'queue' }, t('navQueue')),
    h('a', { href: '#/meetings', 'data-view': 'meetings' }, t('navMeetings')),
    h('a', { href: '#/weekly', 'data-view': 'weekly' }, t('navWeekly')),
    h('a', { href: '/api/docs', target: '_blank', rel: 'noopener' }, t('navApi'))
  );
  const logout = document.getElementById('logout');
  logout.textContent = t('logout');
  logout.onclick = signOut;
}

function signedIn(me) {
  session.me = me;
  document.body.classList.add('signed-in');
  document.getElementById('nav').hidden = false;
  document.getElementById('logout').hidden = false;
  document.getElementById('who').textContent = t('signedInAs') + me.id + '（' + (me.city_wide ? t('cityWide') : me.scope) + '）';
}

function signOut() {
  token.clear();
  session.me = null;
  document.body.classList.remove('signed-in');
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('who').textContent = '';
  flash('');
  if (location.hash) {
    history.replaceState(null, '', location.pathname + location.search);
  }
  loginView();
}

function loginView(problem) {
  const input = h('input', { name: 'token', type: 'password', autocomplete: 'current-password', required: true, 'aria-describedby': 'login-help' });
  const form = h('form', { class: 'card login', onsubmit: (e) => { e.preventDefault(); signIn(input.value.trim()); } },
    h('h2', {}, t('loginTitle')),
    h('p', { id: 'login-help' }, t('loginHelp')),
    problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
    field(t('token'), input),
    h('button', { type: 'submit', class: 'primary' }, t('login')));
  show(form);
  input.focus();
}

async function signIn(value) {
  if (!value) {
    return;
  }
  token.set(value);
  try {
    signedIn(await api('/api/me'));
    route();
  } catch (e) {
    token.clear();
    loginView(t('badToken'));
  }
}

/** Renders the view the address names. */
function route() {
  if (!session.me) {
    return;
  }
  const [, view, ...rest] = location.hash.replace(/^#/, '').split('/');
  const arg = rest.map(decodeURIComponent);
  for (const link of document.querySelectorAll('#nav a[data-view]')) {
    if (link.dataset.view === (view || 'queue') || (view === 'issue' && link.dataset.view === 'queue')) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  flash('');
  switch (view) {
    case 'issue':
      return issueView(arg[0], session.me);
    case 'meetings':
      return meetingsView(session.me, arg[0], arg[1]);
    case 'weekly':
      return weeklyView(arg[0]);
    case 'queue':
    default:
      return queueView(session.me, arg[0]);
  }
}

async function start() {
  chrome();
  whenUnauthorized(() => { if (session.me) { signOut(); } });
  window.addEventListener('hashchange', route);
  if (token.get()) {
    try {
      signedIn(await api('/api/me'));
      route();
      return;
    } catch (e) {
      token.clear();
    }
  }
  loginView();
}

start();
