// Building the page: every text goes in as a text node, never as HTML.
import { t } from './i18n.js';

/** h('a', {href: '#/x', class: 'c', onclick: fn}, 'text', child, …) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      el.className = value;
    } else if (name === 'value') {
      el.value = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    el.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return el;
}

/** Replaces the main area's content and moves focus to its heading, so keyboard and screen reader users follow. */
export function show(...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children);
  const heading = main.querySelector('h2');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
  }
}

/** A short message in the status line (announced politely). */
export function flash(text, kind) {
  const el = document.getElementById('flash');
  el.textContent = text;
  el.dataset.kind = kind || 'info';
}

export function loading() {
  show(h('p', { class: 'loading' }, t('loading')));
}

/** A labelled form field: label + control, with an id linking them. */
let fieldCount = 0;
export function field(label, control, hint) {
  const id = control.id || ('f' + (++fieldCount));
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('p', { class: 'hint' }, hint) : null);
}

/** A table that scrolls sideways on a phone, reachable by keyboard. */
export function scroller(label, table) {
  return h('div', { class: 'scroller', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

export function statusWord(status) {
  return t('s_' + status);
}

/** The rooms' zone: every time in the console is shown and entered in it (China keeps one offset all year). */
export const ZONE = 'Asia/Shanghai';
export const OFFSET = '+08:00';

const stamp = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false
});

/** "2026-12-07 09:30" in the rooms' zone. */
export function localTime(iso) {
  return stamp.format(new Date(iso)).replace('T', ' ');
}
